namespace Streaming.Domain;

/// <summary>One numbered batch of window deltas from a child to its roll-up. The roll-up applies each sequence number once.</summary>
[GenerateSerializer, Immutable, Alias("streaming.rollup-segment.v1")]
public sealed record RollupSegment([property: Id(0)] long Seq, [property: Id(1)] WindowDelta[] Deltas);
