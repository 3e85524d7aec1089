namespace Streaming.Dashboard;

/// <summary>One entity in a top list: its newest window's mean and readings, and when that window began.</summary>
[GenerateSerializer, Immutable, Alias("streaming.dashboard.top-entity.v1")]
public sealed record TopEntity(
    [property: Id(0)] string Entity, [property: Id(1)] double Mean, [property: Id(2)] long Count, [property: Id(3)] DateTimeOffset Start,
    [property: Id(4)] bool Final);
