using Streaming.Domain;

namespace Streaming.Silo;

/// <summary>
/// One window of a diff as the API shows it: owner, series, size and bounds as the read API spells them, the fields
/// that differ (live and sandbox values), and both windows' values where each has the window.
/// </summary>
public sealed record WindowChangeView(
    string Owner, string Kind, string Metric, string Size, DateTimeOffset Start, DateTimeOffset End, WindowFieldChange[] Fields,
    WindowAggregate? Live, WindowAggregate? Sandbox)
{
    /// <summary>The view of a domain change.</summary>
    public static WindowChangeView From(WindowChange c) => new(
        c.Owner, c.Series.Kind.ToString().ToLowerInvariant(), c.Series.Metric, WindowSize.Format(c.Size), c.Start, c.End, c.Fields,
        c.Live, c.Sandbox);
}
