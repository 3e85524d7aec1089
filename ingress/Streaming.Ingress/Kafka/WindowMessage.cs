using System.Globalization;
using System.Text.Json.Serialization;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// The value of a <see cref="Topics.Aggregates"/> message (window JSON v1), flat like the read API's windows;
/// <c>topTerms</c> (trending hashtags, for posts) is null for other series.
/// </summary>
internal sealed record WindowMessage(
    string Id, string Owner, string Kind, string Metric, string Size, DateTimeOffset Start, DateTimeOffset End,
    long Count, double Sum, double Min, double Max, double Mean, [property: JsonPropertyName("stddev")] double StdDev,
    double P50, double P95, double P99, int Revision, bool Final, TermCount[]? TopTerms)
{
    public static WindowMessage From(string owner, WindowResult w)
    {
        var kind = w.Series.Kind.ToString().ToLowerInvariant();
        var size = WindowSize.Format(w.Size);
        var id = $"{owner}/{kind}/{w.Series.Metric}/{size}/{w.Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}/{w.Revision}";
        var a = w.Aggregate;
        return new(id, owner, kind, w.Series.Metric, size, w.Start, w.End, a.Count, a.Sum, a.Min, a.Max, a.Mean, a.StdDev,
            a.P50, a.P95, a.P99, w.Revision, w.Final, a.TopTerms);
    }
}
