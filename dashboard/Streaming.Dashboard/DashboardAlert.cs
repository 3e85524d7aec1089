using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>An alert as the page shows it: what crossed which threshold in which window, and who acknowledged it when.</summary>
[GenerateSerializer, Immutable, Alias("streaming.dashboard.alert.v1")]
public sealed record DashboardAlert(
    [property: Id(0)] string Id, [property: Id(1)] string Rule, [property: Id(2)] string Entity, [property: Id(3)] string Kind,
    [property: Id(4)] string Metric, [property: Id(5)] string Size, [property: Id(6)] DateTimeOffset Start, [property: Id(7)] DateTimeOffset End,
    [property: Id(8)] double Mean, [property: Id(9)] long Count, [property: Id(10)] double Threshold, [property: Id(11)] string Direction,
    [property: Id(12)] bool Final, [property: Id(13)] DateTimeOffset FiredAt,
    [property: Id(14)] string? AcknowledgedBy = null, [property: Id(15)] DateTimeOffset? AcknowledgedAt = null)
{
    /// <summary>The page's view of <paramref name="a"/>.</summary>
    public static DashboardAlert From(Alert a) => new(
        a.Id, a.Rule, a.Entity, a.Series.Kind.ToString().ToLowerInvariant(), a.Series.Metric, WindowSize.Format(a.Size), a.Start, a.End,
        a.Mean, a.Count, a.Threshold, a.IsAbove ? "above" : "below", a.Final, a.FiredAt);
}
