using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>The value of a <see cref="Topics.Alerts"/> message (alert JSON v1), flat like the window messages.</summary>
internal sealed record AlertMessage(
    string Id, string Rule, string Entity, string Kind, string Metric, string Size, DateTimeOffset Start, DateTimeOffset End,
    double Mean, long Count, double Threshold, string Direction, bool Final, DateTimeOffset FiredAt)
{
    public static AlertMessage From(Alert a) =>
        new(a.Id, a.Rule, a.Entity, a.Series.Kind.ToString().ToLowerInvariant(), a.Series.Metric, WindowSize.Format(a.Size), a.Start, a.End,
            a.Mean, a.Count, a.Threshold, a.IsAbove ? "above" : "below", a.Final, a.FiredAt);
}
