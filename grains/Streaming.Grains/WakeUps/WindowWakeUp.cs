using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Streaming.Grains;

/// <summary>
/// Brings back a grain that was deactivated with work still due on its timer: windows to close once they end, segments
/// its parent has not confirmed. Whatever ends the activation (idle collection, a silo that stops, memory pressure, a
/// failed write), a grain whose events have stopped would never be called again, its last hour open in storage for good.
/// On deactivation it registers a wake-up for when the work falls due: in this silo's memory where its state is kept in
/// the process too (<see cref="InProcessWakeUps"/>), else an Orleans reminder (a row in the reminder table on PostgreSQL,
/// so it outlives the silo). The wake-up activates it, it does the work, and the wake-up goes. A grain that is
/// deactivated with nothing due registers nothing.
/// </summary>
internal static partial class WindowWakeUp
{
    /// <summary>The reminder's name: one per grain.</summary>
    public const string Name = "window-wake-up";

    // Reminders repeat (Orleans' least period is a minute): if the woken grain fails before it clears the reminder, the
    // next tick tries again.
    private static readonly TimeSpan Retry = TimeSpan.FromMinutes(10);

    // Never at once: a tick that reaches the grain while it is still deactivating is lost until the next period.
    private static readonly TimeSpan Soonest = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Registers the wake-up for <paramref name="due"/> (when every window open now will have ended: one wake-up, not
    /// one per window), plus up to <paramref name="spread"/> by the grain's hash, since the hours of all a silo's
    /// entities end together; nothing if null. A failure is logged, not thrown: the grain goes either way, and its windows
    /// then wait for its next event.
    /// </summary>
    public static async Task RegisterAsync(Grain grain, DateTimeOffset? due, TimeSpan spread, DateTimeOffset now, ILogger logger)
    {
        if (due is not { } at)
        {
            return;
        }
        var wait = at - now + spread * (grain.GetGrainId().GetUniformHashCode() / (double)uint.MaxValue);
        if (wait < Soonest)
        {
            wait = Soonest;
        }
        if (grain.GrainContext.ActivationServices.GetService<InProcessWakeUps>() is { } inProcess)
        {
            inProcess.Register(grain.GetGrainId(), now + wait);
            return;
        }
        try
        {
            await grain.RegisterOrUpdateReminder(Name, wait, Retry);
        }
        catch (Exception ex)
        {
            LogNotRegistered(logger, ex, at);
        }
    }

    /// <summary>Removes the reminder once the woken grain has done what was due (and holds a timer for what is not).</summary>
    public static async Task ClearAsync(Grain grain, ILogger logger)
    {
        try
        {
            if (await grain.GetReminder(Name) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex)
        {
            LogNotCleared(logger, ex); // it ticks again after the retry period, and finds nothing due
        }
    }

    [LoggerMessage(2401, LogLevel.Warning, "No wake-up registered for {Due:O}: windows still open stay open until the next event")]
    private static partial void LogNotRegistered(ILogger logger, Exception exception, DateTimeOffset due);

    [LoggerMessage(2402, LogLevel.Warning, "The wake-up was not removed; it comes again and finds nothing due")]
    private static partial void LogNotCleared(ILogger logger, Exception exception);
}
