using System.Collections.Concurrent;
using Streaming.Grains.Abstractions;

namespace Streaming.Silo;

/// <summary>
/// The replay runs this silo started through the API (the newest <see cref="Kept"/>), each in the background with its own
/// cancellation, linked to the host's stopping. Runs are per silo: ask the silo that started one. A run forgotten, or
/// every finished run when the silo stops, is disposed, which deletes an export run's file not yet downloaded.
/// </summary>
public sealed partial class ReplayRuns(TimeProvider time, IHostApplicationLifetime lifetime, ILogger<ReplayRuns> logger) : IDisposable
{
    /// <summary>How many finished runs are remembered.</summary>
    public const int Kept = 100;

    private readonly ConcurrentDictionary<string, ReplayRun> _runs = new(StringComparer.Ordinal);
    private readonly Lock _starting = new();

    /// <summary>A run by id.</summary>
    public ReplayRun? Find(string id) => _runs.GetValueOrDefault(id);

    /// <summary>The running run of a sandbox, if any.</summary>
    public ReplayRun? RunningFor(string sandbox) =>
        _runs.Values.FirstOrDefault(r => r.Sandbox == sandbox && r.State == SandboxRunState.Running);

    /// <summary>
    /// Starts <paramref name="work"/> in the background as a new run, which ends as its task does; null when a run of the
    /// same sandbox is still running here.
    /// </summary>
    public ReplayRun? TryStart(string kind, string? sandbox, Func<ReplayRun, Task> work)
    {
        ReplayRun run;
        lock (_starting)
        {
            if (sandbox is not null && RunningFor(sandbox) is not null)
            {
                return null;
            }
            run = new ReplayRun(Guid.NewGuid().ToString("N"), kind, sandbox, time.GetUtcNow(), lifetime.ApplicationStopping);
            _runs[run.Id] = run;
        }
        Forget();
        run.Completion = Task.Run(() => RunAsync(run, work));
        return run;
    }

    private async Task RunAsync(ReplayRun run, Func<ReplayRun, Task> work)
    {
        try
        {
            await work(run);
            run.End(SandboxRunState.Completed, time.GetUtcNow());
            LogCompleted(run.Id, run.Kind, run.Sandbox);
        }
        catch (OperationCanceledException) when (run.Token.IsCancellationRequested)
        {
            run.End(SandboxRunState.Cancelled, time.GetUtcNow());
            LogCancelled(run.Id, run.Kind, run.Sandbox);
        }
        catch (Exception ex)
        {
            // The top of a background run: nobody awaits it, so the failure is kept on the run and logged, not lost.
            run.End(SandboxRunState.Failed, time.GetUtcNow(), ex.Message);
            LogFailed(ex, run.Id, run.Kind, run.Sandbox);
        }
    }

    private void Forget()
    {
        foreach (var old in _runs.Values.Where(r => r.State != SandboxRunState.Running).OrderByDescending(r => r.StartedAt).Skip(Kept))
        {
            if (_runs.TryRemove(old.Id, out var removed))
            {
                removed.Dispose();
            }
        }
    }

    /// <summary>
    /// Disposes every finished run, deleting export files not downloaded (the host disposes the registry when the silo
    /// stops). A run still going was cancelled by the host's stopping and deletes its partial file as it ends.
    /// </summary>
    public void Dispose()
    {
        foreach (var run in _runs.Values.Where(r => r.State != SandboxRunState.Running))
        {
            run.Dispose();
        }
    }

    [LoggerMessage(4601, LogLevel.Information, "Replay run {Id} ({Kind}, sandbox {Sandbox}) completed")]
    private partial void LogCompleted(string id, string kind, string? sandbox);

    [LoggerMessage(4602, LogLevel.Information, "Replay run {Id} ({Kind}, sandbox {Sandbox}) cancelled")]
    private partial void LogCancelled(string id, string kind, string? sandbox);

    [LoggerMessage(4603, LogLevel.Error, "Replay run {Id} ({Kind}, sandbox {Sandbox}) failed")]
    private partial void LogFailed(Exception exception, string id, string kind, string? sandbox);
}
