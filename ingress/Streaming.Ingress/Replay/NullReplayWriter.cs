namespace Streaming.Ingress;

/// <summary>A writer that keeps no rows: for a replay whose result is its state (a sandbox), not a file.</summary>
public sealed class NullReplayWriter : IReplayWriter
{
    /// <summary>The one instance.</summary>
    public static NullReplayWriter Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask WriteAsync(ReplayRow row, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
