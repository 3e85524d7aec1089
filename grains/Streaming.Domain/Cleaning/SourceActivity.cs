namespace Streaming.Domain;

/// <summary>
/// Per-source windows of posts and images, beside their places' windows: how many each source sent, by event time. Sensor
/// readings are not counted here (their entities' windows are per source unless linked), which keeps the source's state,
/// written with every batch, small.
/// </summary>
public static class SourceActivity
{
    /// <summary>Final windows kept per series and size: an hour of minutes, or 60 hours.</summary>
    public const int RetainWindows = 60;

    /// <summary>
    /// Counts the accepted posts and images among <paramref name="accepted"/> into the source's windows, with
    /// <paramref name="options"/> as <see cref="Retaining"/> made them.
    /// </summary>
    public static void Count(SourceCleaningState state, IEnumerable<CleanEvent> accepted, WindowOptions options)
    {
        var counted = false;
        foreach (var e in accepted)
        {
            if (e.Kind is EventKind.Social or EventKind.Media && !state.Activity.IsLate(e.EventTime, options))
            {
                foreach (var r in e.Readings)
                {
                    state.Activity.Add(new SeriesKey(e.Kind, r.Metric), r.Value, e.EventTime, options, deltas: null);
                }
                counted = true;
            }
        }
        if (counted)
        {
            state.Activity.Advance(options, []);
        }
    }

    /// <summary>The entities' window options with this class's retention.</summary>
    public static WindowOptions Retaining(WindowOptions options) => new()
    {
        Sizes = options.Sizes, AllowedLateness = options.AllowedLateness, IdleTimeout = options.IdleTimeout,
        RetainWindows = Math.Min(RetainWindows, options.RetainWindows),
    };
}
