using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>A source's health: when it was last heard from, how far its event time has got, and its quality counters.</summary>
[GenerateSerializer, Immutable, Alias("streaming.source-health.v1")]
public sealed record SourceHealth(
    [property: Id(0)] string Source,
    [property: Id(1)] DateTimeOffset? LastSeen,
    [property: Id(2)] DateTimeOffset? MaxEventTime,
    [property: Id(3)] long EventsAccepted,
    [property: Id(4)] long EventsRejected,
    [property: Id(5)] long ReadingsAccepted,
    [property: Id(6)] Dictionary<RejectReason, long> Rejected,
    [property: Id(7)] Dictionary<ReadingFlags, long> Flagged,
    [property: Id(8)] SourceLink? Link);
