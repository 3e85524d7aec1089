using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>One window as the page charts it (the newest revision of it that this silo saw).</summary>
public sealed record TrendWindow(
    string Owner, string Kind, string Metric, string Size, DateTimeOffset Start, DateTimeOffset End,
    long Count, double Min, double Max, double Mean, double P95, int Revision, bool Final, TermCount[]? TopTerms)
{
    /// <summary>The page's view of a window result of <paramref name="owner"/>.</summary>
    public static TrendWindow From(string owner, WindowResult w) => new(
        owner, w.Series.Kind.ToString().ToLowerInvariant(), w.Series.Metric, WindowSize.Format(w.Size), w.Start, w.End,
        w.Aggregate.Count, w.Aggregate.Min, w.Aggregate.Max, w.Aggregate.Mean, w.Aggregate.P95, w.Revision, w.Final, w.Aggregate.TopTerms);
}
