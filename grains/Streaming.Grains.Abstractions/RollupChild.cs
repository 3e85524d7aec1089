using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>One child's unconfirmed outbox segments, oldest first, as part of a batched merge.</summary>
/// <param name="Child">The child's key (an entity's, for an area).</param>
/// <param name="Segments">Every segment the child has not had confirmed, in sequence order.</param>
[GenerateSerializer, Immutable, Alias("streaming.rollup-child.v1")]
public sealed record RollupChild([property: Id(0)] string Child, [property: Id(1)] RollupSegment[] Segments);
