using System.Text.Json.Serialization;
using Streaming.Domain;

namespace Streaming.Silo;

/// <summary>One window as the read API shows it: flat, with the statistics beside the window's bounds.</summary>
public sealed record WindowView(
    string Metric, string Kind, string Size, DateTimeOffset Start, DateTimeOffset End,
    long Count, double Sum, double Min, double Max, double Mean,
    [property: JsonPropertyName("stddev")] double StdDev, double P50, double P95, double P99,
    int Revision, bool Final, TermCount[]? TopTerms)
{
    /// <summary>The view of a domain window result.</summary>
    public static WindowView From(WindowResult w) => new(
        w.Series.Metric, w.Series.Kind.ToString().ToLowerInvariant(), WindowSize.Format(w.Size), w.Start, w.End,
        w.Aggregate.Count, w.Aggregate.Sum, w.Aggregate.Min, w.Aggregate.Max, w.Aggregate.Mean, w.Aggregate.StdDev,
        w.Aggregate.P50, w.Aggregate.P95, w.Aggregate.P99, w.Revision, w.Final, w.Aggregate.TopTerms);
}
