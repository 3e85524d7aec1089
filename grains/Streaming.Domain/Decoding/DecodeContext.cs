namespace Streaming.Domain;

/// <summary>What a decoder knows besides the bytes: where they came from and the limits to hold them to.</summary>
/// <param name="Provenance">Transport, channel and ingest time; SenML relative times count from its ingest time.</param>
/// <param name="DefaultSource">The source implied by the channel (an MQTT topic's source segment), if any.</param>
/// <param name="DefaultMetric">The metric implied by the channel (<c>sensors/{source}/{metric}</c>), if any.</param>
/// <param name="Limits">Size and count limits.</param>
public sealed record DecodeContext(Provenance Provenance, SourceId? DefaultSource, string? DefaultMetric, DecodeLimits Limits)
{
    /// <summary>How personal identifiers in records are pseudonymised; without one, records holding them are refused.</summary>
    public IdentifierPolicy Identifiers { get; init; } = new(null, IdentifierPolicy.DefaultFields);
}
