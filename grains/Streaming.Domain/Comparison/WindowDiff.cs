namespace Streaming.Domain;

/// <summary>
/// Compares one owner's windows in a live run with those of a sandbox, window by window (series, size, start). Only
/// windows wholly inside the sandbox's range [from, to) count: one that straddles an end holds events the sandbox never
/// replayed. Fields are compared bit for bit (NaN equals NaN), except that a relative tolerance may be given for
/// <c>sum</c>, <c>mean</c> and <c>stddev</c>: a roll-up's window merges its children's deltas in whatever grouping their
/// batches had, and floating-point addition is not associative, so only those three can differ by rounding alone.
/// </summary>
public static class WindowDiff
{
    /// <summary>
    /// The relative tolerance for roll-ups' <c>sum</c>, <c>mean</c> and <c>stddev</c>: far above the rounding of regrouped
    /// sums (about n × 1.1e-16 for n values), far below any change one reading makes.
    /// </summary>
    public const double RollupTolerance = 1e-9;

    /// <summary>Whether a window lies wholly inside [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static bool InRange(WindowResult window, DateTimeOffset from, DateTimeOffset to) => window.Start >= from && window.End <= to;

    /// <summary>Compares <paramref name="live"/> with <paramref name="sandbox"/> for one owner.</summary>
    public static WindowComparison Compare(string owner, IEnumerable<WindowResult> live, IEnumerable<WindowResult> sandbox,
        DateTimeOffset from, DateTimeOffset to, double relativeTolerance = 0)
    {
        var liveByKey = ByKey(live, from, to);
        var sandboxByKey = ByKey(sandbox, from, to);
        var keys = liveByKey.Keys.Union(sandboxByKey.Keys)
            .OrderBy(k => k.Series.Kind).ThenBy(k => k.Series.Metric, StringComparer.Ordinal).ThenBy(k => k.Size).ThenBy(k => k.Start)
            .ToList();
        var changes = new List<WindowChange>();
        foreach (var key in keys)
        {
            var l = liveByKey.GetValueOrDefault(key);
            var s = sandboxByKey.GetValueOrDefault(key);
            var fields = l is not null && s is not null ? Fields(l.Aggregate, s.Aggregate, relativeTolerance) : [];
            WindowChangeKind? kind = l is null ? WindowChangeKind.OnlyInSandbox : s is null ? WindowChangeKind.OnlyInLive
                : fields.Length > 0 ? WindowChangeKind.Changed : null;
            if (kind is { } k)
            {
                changes.Add(new WindowChange(owner, key.Series, key.Size, key.Start, k, fields, l?.Aggregate, s?.Aggregate));
            }
        }
        return new WindowComparison(keys.Count, changes);
    }

    /// <summary>The fields in which two windows' values differ, in the read API's order.</summary>
    public static WindowFieldChange[] Fields(WindowAggregate live, WindowAggregate sandbox, double relativeTolerance = 0)
    {
        var changes = new List<WindowFieldChange>();
        void Check(string field, double l, double s, double tolerance)
        {
            if (!Same(l, s, tolerance))
            {
                changes.Add(new WindowFieldChange(field, l, s));
            }
        }
        Check("count", live.Count, sandbox.Count, 0);
        Check("sum", live.Sum, sandbox.Sum, relativeTolerance);
        Check("min", live.Min, sandbox.Min, 0);
        Check("max", live.Max, sandbox.Max, 0);
        Check("mean", live.Mean, sandbox.Mean, relativeTolerance);
        Check("stddev", live.StdDev, sandbox.StdDev, relativeTolerance);
        Check("p50", live.P50, sandbox.P50, 0);
        Check("p95", live.P95, sandbox.P95, 0);
        Check("p99", live.P99, sandbox.P99, 0);
        if (!(live.TopTerms ?? []).SequenceEqual(sandbox.TopTerms ?? []) || (live.TopTerms is null) != (sandbox.TopTerms is null))
        {
            changes.Add(new WindowFieldChange("topTerms", null, null));
        }
        return [.. changes];
    }

    // Bit for bit (so 0.0 and -0.0 differ), NaN equal to NaN; within the relative tolerance when one is given.
    private static bool Same(double live, double sandbox, double relativeTolerance) =>
        BitConverter.DoubleToInt64Bits(live) == BitConverter.DoubleToInt64Bits(sandbox)
        || (double.IsNaN(live) && double.IsNaN(sandbox))
        || (relativeTolerance > 0 && double.IsFinite(live) && double.IsFinite(sandbox)
            && Math.Abs(live - sandbox) <= relativeTolerance * Math.Max(Math.Abs(live), Math.Abs(sandbox)));

    private static Dictionary<(SeriesKey Series, TimeSpan Size, DateTimeOffset Start), WindowResult> ByKey(
        IEnumerable<WindowResult> windows, DateTimeOffset from, DateTimeOffset to)
    {
        var byKey = new Dictionary<(SeriesKey, TimeSpan, DateTimeOffset), WindowResult>();
        foreach (var w in windows.Where(w => InRange(w, from, to)))
        {
            // A window listed twice (a final one and a later revision) counts once: the highest revision wins, as on Kafka.
            var key = (w.Series, w.Size, w.Start.ToUniversalTime());
            if (!byKey.TryGetValue(key, out var seen) || w.Revision >= seen.Revision)
            {
                byKey[key] = w;
            }
        }
        return byKey;
    }
}
