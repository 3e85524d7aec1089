namespace Streaming.Domain;

/// <summary>
/// Closing the windows of an owner (an entity or a roll-up) that has stopped receiving events, so its last windows still
/// become final: once <see cref="WindowOptions.IdleTimeout"/> of processing time has passed without an event, every open
/// window that has ended by the clock closes. A window still running, such as the current hour, stays open for the next event.
/// </summary>
public static class IdleWindows
{
    /// <summary>Closes what has ended by <paramref name="now"/> if the owner is idle; returns the final windows.</summary>
    public static List<WindowResult> Close(WindowSet windows, DateTimeOffset? lastReceivedAt, WindowOptions options, DateTimeOffset now)
    {
        var emitted = new List<WindowResult>();
        if (lastReceivedAt is { } last && now - last >= options.IdleTimeout)
        {
            windows.CloseAll(options, emitted, now.UtcTicks);
        }
        return emitted;
    }

    /// <summary>
    /// When <see cref="Close"/> would next close something if no event arrives meanwhile: the newest ingest time plus
    /// <see cref="WindowOptions.IdleTimeout"/>, or the end of the earliest open window if later; null when no window is
    /// open (an idle owner needs no check at all).
    /// </summary>
    public static DateTimeOffset? CheckAt(WindowSet windows, DateTimeOffset? lastReceivedAt, WindowOptions options) =>
        lastReceivedAt is { } last && windows.OpenEndTicks() is { } ends ? Due(last, ends.Earliest, options) : null;

    /// <summary>
    /// When <see cref="Close"/> would have closed every window open now, if no event arrives meanwhile: the newest ingest
    /// time plus <see cref="WindowOptions.IdleTimeout"/>, or the end of the latest open window if later; null when none
    /// is open. One wake-up then does what <see cref="CheckAt"/>'s checks would do one after another.
    /// </summary>
    public static DateTimeOffset? AllClosedAt(WindowSet windows, DateTimeOffset? lastReceivedAt, WindowOptions options) =>
        lastReceivedAt is { } last && windows.OpenEndTicks() is { } ends ? Due(last, ends.Latest, options) : null;

    // Idle since the last event and past the window's end, whichever comes later.
    private static DateTimeOffset Due(DateTimeOffset lastReceivedAt, long windowEndTicks, WindowOptions options)
    {
        var idle = lastReceivedAt + options.IdleTimeout;
        var end = new DateTimeOffset(windowEndTicks, TimeSpan.Zero);
        return idle >= end ? idle : end;
    }
}
