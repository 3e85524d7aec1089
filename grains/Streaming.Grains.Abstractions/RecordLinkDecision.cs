using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>Where a system-of-record row is linked, why, and whether an operator fixed it there.</summary>
[GenerateSerializer, Immutable, Alias("streaming.record-link-decision.v1")]
public sealed record RecordLinkDecision(
    [property: Id(0)] EntityKey Entity,
    [property: Id(1)] string Reason,
    [property: Id(2)] bool Manual);
