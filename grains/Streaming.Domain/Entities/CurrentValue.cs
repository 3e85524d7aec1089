namespace Streaming.Domain;

/// <summary>An entity's current value of one metric: the reading with the newest event time, not the last received.</summary>
[GenerateSerializer, SuppressReferenceTracking, Immutable, Alias("streaming.current-value.v1")]
public sealed record CurrentValue(
    [property: Id(0)] double Value,
    [property: Id(1)] string Unit,
    [property: Id(2)] DateTimeOffset EventTime,
    [property: Id(3)] ReadingFlags Flags,
    [property: Id(4)] string Source);
