namespace Streaming.Domain;

/// <summary>A reading's identity within a source: metric and event time.</summary>
[GenerateSerializer, Immutable, Alias("streaming.reading-key.v1")]
public readonly record struct ReadingKey([property: Id(0)] string Metric, [property: Id(1)] long UtcTicks);
