namespace Streaming.Grains;

/// <summary>
/// How long a grain with work on a timer keeps its activation. Orleans collects an activation idle for its collection
/// age (15 minutes by default) whatever timers it holds, since a tick is not a use; an entity whose sensor stops would
/// then leave its current hour open in storage until its next reading, which may never come.
/// </summary>
internal static class TimerKeepAlive
{
    // Past the due time, so a tick that runs a little late still finds its activation (the collector looks once a minute).
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(1);

    /// <summary>The time to pass to <c>DelayDeactivation</c> for work due at <paramref name="due"/>.</summary>
    public static TimeSpan Until(DateTimeOffset due, DateTimeOffset now) => (due > now ? due - now : TimeSpan.Zero) + Slack;
}
