namespace Streaming.Ingress;

/// <summary>Export file formats, chosen by the file's extension.</summary>
public enum ReplayFormat
{
    /// <summary>JSON Lines (<c>.jsonl</c>).</summary>
    JsonLines,
    /// <summary>CSV (<c>.csv</c>).</summary>
    Csv,
    /// <summary>Parquet (<c>.parquet</c>).</summary>
    Parquet,
}
