namespace Streaming.Dashboard;

/// <summary>
/// One source in the sources panel: events per second over the last 10 seconds, in the last hour and per minute over it
/// (60 counts, oldest first, the last being the minute under way), when this silo last heard from it, and whether it is
/// silent (nothing for <see cref="DashboardOptions.SilentAfter"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("streaming.dashboard.source-rate.v1")]
public sealed record SourceRate(
    [property: Id(0)] string Source, [property: Id(1)] double PerSecond, [property: Id(2)] long LastHour, [property: Id(3)] int[] PerMinute,
    [property: Id(4)] DateTimeOffset LastHeard, [property: Id(5)] bool Silent);
