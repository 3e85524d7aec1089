namespace Streaming.Ingress;

/// <summary>Writes an export's rows in one file format.</summary>
public interface IReplayWriter : IAsyncDisposable
{
    /// <summary>Writes one row.</summary>
    ValueTask WriteAsync(ReplayRow row, CancellationToken cancellationToken);

    /// <summary>Writes whatever is buffered and the format's footer, if any.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
