namespace Streaming.Ingress;

/// <summary>Chooses and creates export writers.</summary>
public static class ReplayWriters
{
    /// <summary>The format a file name asks for, by extension; null when it is not .jsonl, .csv or .parquet.</summary>
    public static ReplayFormat? FormatOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".jsonl" => ReplayFormat.JsonLines,
        ".csv" => ReplayFormat.Csv,
        ".parquet" => ReplayFormat.Parquet,
        _ => null,
    };

    /// <summary>A writer of <paramref name="format"/> that owns <paramref name="stream"/>.</summary>
    public static IReplayWriter Create(ReplayFormat format, Stream stream) => format switch
    {
        ReplayFormat.Csv => new CsvReplayWriter(stream),
        ReplayFormat.Parquet => new ParquetReplayWriter(stream),
        _ => new JsonLinesReplayWriter(stream),
    };

    /// <summary>The content type of a format, for HTTP.</summary>
    public static string ContentType(ReplayFormat format) => format switch
    {
        ReplayFormat.Csv => "text/csv",
        ReplayFormat.Parquet => "application/vnd.apache.parquet",
        _ => "application/jsonl",
    };
}
