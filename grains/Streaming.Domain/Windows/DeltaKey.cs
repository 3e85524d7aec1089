namespace Streaming.Domain;

/// <summary>One window of one series: a key of <see cref="DeltaBuffer"/>.</summary>
[GenerateSerializer, Immutable, Alias("streaming.delta-key.v1")]
public readonly record struct DeltaKey([property: Id(0)] WindowKey Key, [property: Id(1)] long StartTicks);
