namespace Streaming.Grains;

/// <summary>
/// How long a roll-up with work on its timer keeps its activation. Orleans collects an activation idle for its collection
/// age (15 minutes by default) whatever timers it holds, since a tick is not a use. Areas are few (one per region, each
/// with all its entities as children) and tick every forward interval anyway, so one is kept rather than collected and
/// woken; entities, a million of them, are collected and woken instead (see <see cref="WindowWakeUp"/>).
/// </summary>
internal static class TimerKeepAlive
{
    // Past the due time, so a tick that runs a little late still finds its activation (the collector looks once a minute).
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(1);

    /// <summary>The time to pass to <c>DelayDeactivation</c> for work due at <paramref name="due"/>.</summary>
    public static TimeSpan Until(DateTimeOffset due, DateTimeOffset now) => (due > now ? due - now : TimeSpan.Zero) + Slack;
}
