namespace Streaming.Ingress;

/// <summary>
/// One cleaned reading in an export: when, from which source, the entity it was linked to, the canonical metric, value
/// and unit, the quality flags (comma-separated, empty when none) and the envelope it came in.
/// </summary>
public sealed record ReplayRow(DateTimeOffset EventTime, string Source, string Entity, string Metric, double Value, string Unit,
    string Flags, string EnvelopeId);
