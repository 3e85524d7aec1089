namespace Streaming.Domain;

/// <summary>One system-of-record row linked to an entity, and by which rule.</summary>
[GenerateSerializer, Immutable, Alias("streaming.record-link.v1")]
public sealed record RecordLink(
    [property: Id(0)] string System,
    [property: Id(1)] string LocalId,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset Since);
