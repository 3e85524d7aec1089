namespace Streaming.Dashboard;

/// <summary>
/// One source in the sources panel: events per second over the last 10 seconds, in the last hour and per minute over it
/// (60 counts, oldest first, the last being the minute under way), when this silo last heard from it, and whether it is
/// silent (nothing for <see cref="DashboardOptions.SilentAfter"/>).
/// </summary>
public sealed record SourceRate(string Source, double PerSecond, long LastHour, int[] PerMinute, DateTimeOffset LastHeard, bool Silent);
