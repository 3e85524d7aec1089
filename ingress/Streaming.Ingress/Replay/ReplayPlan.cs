using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// What to replay: event times in [<paramref name="From"/>, <paramref name="To"/>), optionally only some sources, kinds
/// and metrics (an empty list means all).
/// </summary>
public sealed record ReplayPlan(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Sources, IReadOnlyList<EventKind> Kinds,
    IReadOnlyList<string> Metrics)
{
    /// <summary>Whether an envelope is in the plan (metrics are filtered after cleaning, by canonical name).</summary>
    public bool Includes(EventEnvelope e) =>
        e.EventTime >= From && e.EventTime < To
        && (Sources.Count == 0 || Sources.Contains(e.Source.Value, StringComparer.Ordinal))
        && (Kinds.Count == 0 || Kinds.Contains(e.Kind));

    /// <summary>Whether a cleaned reading's metric is in the plan.</summary>
    public bool IncludesMetric(string metric) =>
        Metrics.Count == 0 || Metrics.Any(m => string.Equals(MetricCatalog.CanonicalName(m), metric, StringComparison.Ordinal));

    /// <summary>The kinds to read: those asked for, or all.</summary>
    public IEnumerable<EventKind> KindsToRead => Kinds.Count > 0 ? Kinds.Distinct().Order() : Enum.GetValues<EventKind>();
}
