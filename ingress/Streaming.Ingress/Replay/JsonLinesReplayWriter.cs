using System.Text.Json;

namespace Streaming.Ingress;

/// <summary>Writes rows as JSON Lines: one <see cref="ReplayRow"/> object per line.</summary>
public sealed class JsonLinesReplayWriter(Stream stream) : IReplayWriter
{
    private readonly Utf8JsonWriter _writer = new(stream);

    /// <inheritdoc />
    public async ValueTask WriteAsync(ReplayRow row, CancellationToken cancellationToken)
    {
        JsonSerializer.Serialize(_writer, row, ReplayJsonContext.Default.ReplayRow);
        await _writer.FlushAsync(cancellationToken);
        _writer.Reset();
        stream.WriteByte((byte)'\n');
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken) => await stream.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await stream.DisposeAsync();
    }
}
