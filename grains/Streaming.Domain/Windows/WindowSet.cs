namespace Streaming.Domain;

/// <summary>
/// Event-time tumbling windows for every series of one owner (an entity or a roll-up), with one watermark:
/// the newest event time seen minus the allowed lateness, or a forced one after an idle timeout.
/// A window fires (provisional emission) when event time passes its end, and is final once the watermark
/// does; an update in between revises it. Pure and deterministic: time arrives only through the events.
/// </summary>
[GenerateSerializer, Alias("streaming.window-set.v1")]
public sealed class WindowSet
{
    /// <summary>Newest event time seen, UTC ticks; <see cref="long.MinValue"/> before the first.</summary>
    [Id(0)] public long MaxEventTicks { get; set; } = long.MinValue;

    /// <summary>Watermark forced forward by <see cref="CloseAll"/>, UTC ticks.</summary>
    [Id(1)] public long ForcedWatermarkTicks { get; set; } = long.MinValue;

    /// <summary>The series.</summary>
    [Id(2)] public Dictionary<WindowKey, SeriesWindows> Series { get; set; } = [];

    /// <summary>Whether final windows keep their accumulators (roll-ups, which late deltas may revise).</summary>
    [Id(3)] public bool RetainAccumulators { get; set; }

    /// <summary>The watermark, UTC ticks.</summary>
    public long WatermarkTicks(WindowOptions options) =>
        Math.Max(MaxEventTicks == long.MinValue ? long.MinValue : MaxEventTicks - options.AllowedLateness.Ticks, ForcedWatermarkTicks);

    /// <summary>Whether an event at <paramref name="time"/> is older than the watermark.</summary>
    public bool IsLate(DateTimeOffset time, WindowOptions options) => time.UtcTicks < WatermarkTicks(options);

    /// <summary>
    /// Adds a value to the windows of every size that contain <paramref name="time"/>. The caller has ruled out lateness.
    /// Windows align to multiples of their size counted from 0001-01-01 UTC (ticks are never negative); sizes that
    /// divide a day therefore start at midnight UTC. <paramref name="terms"/> (a post's hashtags) join the windows' top terms.
    /// </summary>
    public void Add(SeriesKey series, double value, DateTimeOffset time, WindowOptions options, DeltaBuffer? deltas, IReadOnlyList<string>? terms = null)
    {
        var ticks = time.UtcTicks;
        foreach (var size in options.Sizes)
        {
            var key = new WindowKey(series, size.Ticks);
            var start = ticks - (ticks % size.Ticks);
            var window = OpenSlot(key, start);
            WindowAggregator.Add(window.Accumulator, value);
            if (terms is not null)
            {
                WindowAggregator.AddTerms(window.Accumulator, terms);
            }
            window.Dirty = true;
            deltas?.Add(key, start, value, ticks, terms);
        }
        MaxEventTicks = Math.Max(MaxEventTicks, ticks);
    }

    /// <summary>Merges a child's delta. A delta for a final window revises it (emitted at once); nothing is dropped.</summary>
    public void Merge(WindowDelta delta, WindowOptions options, List<WindowResult> emitted)
    {
        var closed = Series.TryGetValue(delta.Key, out var series) ? series.FindClosed(delta.StartTicks) : null;
        if (closed?.Accumulator is { } accumulator)
        {
            WindowAggregator.Merge(accumulator, delta.Accumulator);
            closed.Aggregate = WindowAggregator.Result(accumulator);
            closed.Revision++;
            emitted.Add(Result(delta.Key, delta.StartTicks, closed.Aggregate, closed.Revision, final: true));
        }
        else
        {
            var window = OpenSlot(delta.Key, delta.StartTicks);
            WindowAggregator.Merge(window.Accumulator, delta.Accumulator);
            window.Dirty = true;
        }
        MaxEventTicks = Math.Max(MaxEventTicks, delta.MaxEventTicks);
    }

    /// <summary>Emits what changed: windows that event time has passed (provisional) and those the watermark has passed (final).</summary>
    public void Advance(WindowOptions options, List<WindowResult> emitted)
    {
        var watermark = WatermarkTicks(options);
        foreach (var (key, series) in Series)
        {
            var finished = 0; // a prefix: windows of one size end in start order
            for (var i = 0; i < series.Open.Count; i++)
            {
                var window = series.Open[i];
                var (start, end) = (window.StartTicks, window.StartTicks + key.SizeTicks);
                if (end <= watermark)
                {
                    finished++;
                    var aggregate = WindowAggregator.Result(window.Accumulator);
                    emitted.Add(Result(key, start, aggregate, ++window.Revision, final: true));
                    series.AddClosed(new ClosedWindow
                    {
                        StartTicks = start, Aggregate = aggregate, Revision = window.Revision,
                        Accumulator = RetainAccumulators ? window.Accumulator : null,
                    }, options.RetainWindows);
                }
                else if (end <= MaxEventTicks && window.Dirty)
                {
                    emitted.Add(Result(key, start, WindowAggregator.Result(window.Accumulator), ++window.Revision, final: false));
                    window.Dirty = false;
                }
            }
            series.DropOpen(finished);
        }
    }

    /// <summary>
    /// Makes final, as after an idle timeout, every open window that has ended by <paramref name="untilTicks"/> (UTC ticks,
    /// the processing time of the check): the watermark moves past them. A window still running then (the hour an idle
    /// sensor last reported in) stays open, so the sensor's next reading within it is not late.
    /// </summary>
    public void CloseAll(WindowOptions options, List<WindowResult> emitted, long untilTicks = long.MaxValue)
    {
        foreach (var (key, series) in Series)
        {
            for (var i = series.Open.Count - 1; i >= 0; i--)
            {
                var end = series.Open[i].StartTicks + key.SizeTicks;
                if (end <= untilTicks)
                {
                    ForcedWatermarkTicks = Math.Max(ForcedWatermarkTicks, end);
                    break;
                }
            }
        }
        Advance(options, emitted);
    }

    /// <summary>When the earliest and the latest open windows end, UTC ticks; null when none is open.</summary>
    public (long Earliest, long Latest)? OpenEndTicks()
    {
        (long Earliest, long Latest)? ends = null;
        foreach (var (key, series) in Series)
        {
            if (series.Open.Count > 0)
            {
                // Open windows are in start order.
                var (first, last) = (series.Open[0].StartTicks + key.SizeTicks, series.Open[^1].StartTicks + key.SizeTicks);
                ends = ends is { } e ? (Math.Min(e.Earliest, first), Math.Max(e.Latest, last)) : (first, last);
            }
        }
        return ends;
    }

    /// <summary>Windows of one series and size overlapping [from, to), oldest first: final ones, then open ones as provisional.</summary>
    public IEnumerable<WindowResult> Query(WindowKey key, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (!Series.TryGetValue(key, out var series))
        {
            yield break;
        }
        var lo = from?.UtcTicks - key.SizeTicks ?? long.MinValue;
        var hi = to?.UtcTicks ?? long.MaxValue;
        foreach (var closed in series.Closed.Where(c => c.StartTicks > lo && c.StartTicks < hi))
        {
            yield return Result(key, closed.StartTicks, closed.Aggregate, closed.Revision, final: true);
        }
        foreach (var open in series.Open.Where(o => o.StartTicks > lo && o.StartTicks < hi))
        {
            yield return Result(key, open.StartTicks, WindowAggregator.Result(open.Accumulator), open.Revision, final: false);
        }
    }

    /// <summary>The newest window of one series and size (open if any is, else the newest final one), or null.</summary>
    public WindowResult? Latest(WindowKey key)
    {
        if (!Series.TryGetValue(key, out var series))
        {
            return null;
        }
        if (series.Open is [.., var open])
        {
            return Result(key, open.StartTicks, WindowAggregator.Result(open.Accumulator), open.Revision, final: false);
        }
        return series.Closed is [.., var closed] ? Result(key, closed.StartTicks, closed.Aggregate, closed.Revision, final: true) : null;
    }

    private OpenWindow OpenSlot(WindowKey key, long start)
    {
        if (!Series.TryGetValue(key, out var series))
        {
            Series[key] = series = new SeriesWindows();
        }
        return series.OpenSlot(start);
    }

    private static WindowResult Result(WindowKey key, long start, WindowAggregate aggregate, int revision, bool final) =>
        new(key.Series, key.Size, new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(start + key.SizeTicks, TimeSpan.Zero),
            aggregate, revision, final);
}
