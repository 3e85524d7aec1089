namespace Streaming.Domain;

/// <summary>
/// A threshold on an entity's windows: it fires when the mean of a <paramref name="Window"/>-sized window of
/// <paramref name="Metric"/> (of <paramref name="Kind"/>, any kind when null) is above <paramref name="Above"/> or below
/// <paramref name="Below"/> (at least one of the two is set).
/// </summary>
/// <param name="Name">How people read the rule, e.g. <c>pm25 above 35</c>.</param>
/// <param name="Metric">Canonical metric name.</param>
/// <param name="Window">Window size the rule looks at.</param>
/// <param name="Above">Fires when the mean is greater than this.</param>
/// <param name="Below">Fires when the mean is less than this.</param>
/// <param name="Kind">The event kind, or null for any.</param>
public sealed record AlertRule(string Name, string Metric, TimeSpan Window, double? Above, double? Below, EventKind? Kind = null)
{
    /// <summary>Whether the rule looks at windows of <paramref name="series"/> and <paramref name="size"/>.</summary>
    public bool Covers(SeriesKey series, TimeSpan size) =>
        size == Window && string.Equals(series.Metric, Metric, StringComparison.Ordinal) && (Kind is null || Kind == series.Kind);

    /// <summary>The threshold <paramref name="mean"/> crosses, and in which direction; null when it crosses none (or is NaN).</summary>
    public (double Threshold, bool IsAbove)? Crossed(double mean) =>
        double.IsNaN(mean) ? null
        : Above is { } above && mean > above ? (above, true)
        : Below is { } below && mean < below ? (below, false)
        : null;
}
