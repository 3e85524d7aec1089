using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>An alert as the page shows it: what crossed which threshold in which window, and who acknowledged it when.</summary>
public sealed record DashboardAlert(
    string Id, string Rule, string Entity, string Kind, string Metric, string Size, DateTimeOffset Start, DateTimeOffset End,
    double Mean, long Count, double Threshold, string Direction, bool Final, DateTimeOffset FiredAt,
    string? AcknowledgedBy = null, DateTimeOffset? AcknowledgedAt = null)
{
    /// <summary>The page's view of <paramref name="a"/>.</summary>
    public static DashboardAlert From(Alert a) => new(
        a.Id, a.Rule, a.Entity, a.Series.Kind.ToString().ToLowerInvariant(), a.Series.Metric, WindowSize.Format(a.Size), a.Start, a.End,
        a.Mean, a.Count, a.Threshold, a.IsAbove ? "above" : "below", a.Final, a.FiredAt);
}
