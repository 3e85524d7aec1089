namespace Streaming.Domain;

/// <summary>
/// Everything the platform remembers about one source: what cleaning needs (mutated only by
/// <see cref="SensorCleaning"/>) and the entity the source is linked to.
/// </summary>
[GenerateSerializer, Alias("streaming.source-cleaning-state.v1")]
public sealed class SourceCleaningState
{
    /// <summary>Newest event time seen from the source; the dedupe horizon trails it.</summary>
    [Id(0)] public DateTimeOffset? MaxEventTime { get; set; }

    /// <summary>Previous reading per canonical metric.</summary>
    [Id(1)] public Dictionary<string, MetricMemory> Metrics { get; set; } = [];

    /// <summary>Envelope ids seen recently.</summary>
    [Id(2)] public DedupeMemory<EnvelopeId> SeenEnvelopes { get; set; } = new();

    /// <summary>(metric, event time) pairs seen recently.</summary>
    [Id(3)] public DedupeMemory<ReadingKey> SeenReadings { get; set; } = new();

    /// <summary>Quality counters.</summary>
    [Id(4)] public SourceQuality Quality { get; set; } = new();

    /// <summary>The entity the source is registered to, if any.</summary>
    [Id(5)] public SourceLink? Link { get; set; }

    /// <summary>Windows of the posts and images the source sent (see <see cref="SourceActivity"/>).</summary>
    [Id(6)] public WindowSet Activity { get; set; } = new();

    /// <summary>When the platform last received a batch from the source (processing time), rejected or not.</summary>
    [Id(7)] public DateTimeOffset? LastSeen { get; set; }
}
