using Streaming.Grains.Abstractions;
using Streaming.Ingress;

namespace Streaming.Silo;

/// <summary>One replay run started through the API: its progress as the replay loop reports it, its state, its cancellation.</summary>
public sealed class ReplayRun : IProgress<ReplayProgress>, IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private volatile ReplayProgress? _progress;
    private ExportFile? _file;

    internal ReplayRun(string id, string kind, string? sandbox, DateTimeOffset startedAt, CancellationToken stopping)
    {
        (Id, Kind, Sandbox, StartedAt) = (id, kind, sandbox, startedAt);
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    /// <summary>The run's id.</summary>
    public string Id { get; }

    /// <summary><c>sandbox</c> or <c>export</c>.</summary>
    public string Kind { get; }

    /// <summary>The sandbox it fills, if any.</summary>
    public string? Sandbox { get; }

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Running until it ends.</summary>
    public SandboxRunState State { get; private set; } = SandboxRunState.Running;

    /// <summary>When it ended.</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; private set; }

    /// <summary>Cancelled when the run is (by the API or the host stopping).</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The work, once started.</summary>
    public Task Completion { get; internal set; } = Task.CompletedTask;

    /// <inheritdoc />
    public void Report(ReplayProgress value) => _progress = value;

    /// <summary>Asks the run to stop; it ends as cancelled at its next chunk of events.</summary>
    public void Cancel()
    {
        if (State == SandboxRunState.Running)
        {
            _cancel.Cancel();
        }
    }

    /// <summary>Keeps the file an export run writes, deleted with the run unless taken.</summary>
    internal void Attach(ExportFile file) => _file = file;

    /// <summary>The export's file, handed out once: whoever takes it deletes it.</summary>
    internal ExportFile? TakeFile() => Interlocked.Exchange(ref _file, null);

    /// <summary>Deletes the export's file (whole or partial), if it still has one.</summary>
    internal void DeleteFile()
    {
        if (TakeFile() is { } file)
        {
            File.Delete(file.Path);
        }
    }

    internal void End(SandboxRunState state, DateTimeOffset at, string? error = null) => (State, FinishedAt, Error) = (state, at, error);

    /// <summary>The run as the API shows it.</summary>
    public ReplayRunView View()
    {
        var p = _progress;
        return new ReplayRunView(Id, Kind, Sandbox, State, p?.Events ?? 0, p?.Rows ?? 0, p?.EventsPerSecond ?? 0,
            State == SandboxRunState.Completed ? 0 : p?.Remaining?.TotalSeconds, StartedAt, FinishedAt, Error);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _cancel.Dispose();
        DeleteFile();
    }
}
