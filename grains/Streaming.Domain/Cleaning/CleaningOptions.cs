namespace Streaming.Domain;

/// <summary>Settings for cleaning sensor readings, bound from <c>Cleaning</c> in configuration.</summary>
public sealed class CleaningOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cleaning";

    /// <summary>
    /// Physical limits per canonical metric name. Entries here replace the defaults of
    /// <see cref="MetricCatalog.DefaultLimits"/> for that metric; metrics in neither are not range-checked.
    /// </summary>
    public Dictionary<string, MetricLimits> Limits { get; set; } = [];

    /// <summary>
    /// How far back (in event time, behind the newest event of the source) duplicates are remembered.
    /// Must be at least the allowed lateness, since anything older is late anyway. Default 10 minutes.
    /// </summary>
    public TimeSpan DedupeHorizon { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most remembered keys per source, a hard cap on dedupe memory. Default 20,000.</summary>
    public int MaxDedupeEntries { get; set; } = 20_000;

    /// <summary>The limits for a canonical metric name: configured, else the default, else none.</summary>
    public MetricLimits? LimitsFor(string metric) =>
        Limits.TryGetValue(metric, out var configured) ? configured
        : MetricCatalog.DefaultLimits.TryGetValue(metric, out var known) ? known
        : null;
}
