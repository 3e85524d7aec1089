using System.Globalization;
using System.Text;

namespace Streaming.Ingress;

/// <summary>
/// Writes rows as CSV (RFC 4180, header first): invariant culture, values in round-trip form so they read back exactly,
/// times in ISO 8601.
/// </summary>
public sealed class CsvReplayWriter(Stream stream) : IReplayWriter
{
    /// <summary>The header line's columns.</summary>
    public const string Header = "eventTime,source,entity,metric,value,unit,flags,envelopeId";

    private readonly StreamWriter _writer = new(stream, new UTF8Encoding(false));
    private bool _started;

    /// <inheritdoc />
    public async ValueTask WriteAsync(ReplayRow row, CancellationToken cancellationToken)
    {
        if (!_started)
        {
            await _writer.WriteLineAsync(Header);
            _started = true;
        }
        await _writer.WriteLineAsync(string.Join(',',
            row.EventTime.ToString("O", CultureInfo.InvariantCulture), Quote(row.Source), Quote(row.Entity), Quote(row.Metric),
            row.Value.ToString("R", CultureInfo.InvariantCulture), Quote(row.Unit), Quote(row.Flags), Quote(row.EnvelopeId)));
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            await _writer.WriteLineAsync(Header);
            _started = true;
        }
        await _writer.FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _writer.DisposeAsync();

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
