using Parquet;
using Parquet.Serialization;

namespace Streaming.Ingress;

/// <summary>
/// Writes rows as Parquet through Parquet.Net, one row group per <see cref="RowGroupRows"/> rows (appended to the file),
/// so memory stays bounded however long the export. Needs a seekable stream (a file).
/// </summary>
public sealed class ParquetReplayWriter(Stream stream) : IReplayWriter
{
    /// <summary>Rows buffered per row group.</summary>
    public const int RowGroupRows = 50_000;

    private readonly List<ParquetReplayRow> _buffer = [];
    private bool _written;

    /// <inheritdoc />
    public async ValueTask WriteAsync(ReplayRow row, CancellationToken cancellationToken)
    {
        _buffer.Add(ParquetReplayRow.From(row));
        if (_buffer.Count >= RowGroupRows)
        {
            await FlushGroupAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Count > 0 || !_written)
        {
            await FlushGroupAsync(cancellationToken);
        }
        await stream.FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await stream.DisposeAsync();

    private async Task FlushGroupAsync(CancellationToken cancellationToken)
    {
        await ParquetSerializer.SerializeAsync(_buffer, stream, new ParquetOptions { Append = _written }, null, cancellationToken);
        _written = true;
        _buffer.Clear();
    }
}
