namespace Streaming.Ingress;

/// <summary>An export row as a Parquet record (Parquet.Net's class serializer): event time in UTC.</summary>
public sealed class ParquetReplayRow
{
    /// <summary>Event time, UTC.</summary>
    public DateTime EventTime { get; set; }

    /// <summary>Source id.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>Entity key.</summary>
    public string Entity { get; set; } = string.Empty;

    /// <summary>Canonical metric.</summary>
    public string Metric { get; set; } = string.Empty;

    /// <summary>Cleaned value in the canonical unit.</summary>
    public double Value { get; set; }

    /// <summary>Canonical unit.</summary>
    public string Unit { get; set; } = string.Empty;

    /// <summary>Quality flags, comma-separated.</summary>
    public string Flags { get; set; } = string.Empty;

    /// <summary>Envelope id.</summary>
    public string EnvelopeId { get; set; } = string.Empty;

    /// <summary>The Parquet record of a row.</summary>
    public static ParquetReplayRow From(ReplayRow r) => new()
    {
        EventTime = r.EventTime.UtcDateTime, Source = r.Source, Entity = r.Entity, Metric = r.Metric, Value = r.Value,
        Unit = r.Unit, Flags = r.Flags, EnvelopeId = r.EnvelopeId,
    };
}
