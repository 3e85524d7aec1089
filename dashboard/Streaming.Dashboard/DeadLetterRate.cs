namespace Streaming.Dashboard;

/// <summary>Dead letters of one stage and reason: in the last minute, and in all since the silo (or silos, summed) started.</summary>
[GenerateSerializer, Immutable, Alias("streaming.dashboard.dead-letter-rate.v1")]
public sealed record DeadLetterRate([property: Id(0)] string Stage, [property: Id(1)] string Reason, [property: Id(2)] long LastMinute, [property: Id(3)] long Total);
