namespace Streaming.Domain;

/// <summary>
/// The result of one window. When <see cref="Count"/> is 0, <see cref="Sum"/> is 0 and every other statistic is NaN.
/// </summary>
/// <param name="Count">Number of values.</param>
/// <param name="Sum">Sum of the values.</param>
/// <param name="Min">Smallest value, exact.</param>
/// <param name="Max">Largest value, exact.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="StdDev">
/// <b>Population</b> standard deviation, <c>sqrt(Σ(x − mean)² / Count)</c> (divides by n, not n − 1).
/// </param>
/// <param name="P50">Median (lower rank), within the sketch's relative accuracy (1 % by default).</param>
/// <param name="P95">95th percentile (lower rank), within the sketch's relative accuracy.</param>
/// <param name="P99">99th percentile (lower rank), within the sketch's relative accuracy.</param>
[GenerateSerializer, SuppressReferenceTracking, Immutable, Alias("streaming.window-aggregate.v1")]
public sealed record WindowAggregate(
    [property: Id(0)] long Count,
    [property: Id(1)] double Sum,
    [property: Id(2)] double Min,
    [property: Id(3)] double Max,
    [property: Id(4)] double Mean,
    [property: Id(5)] double StdDev,
    [property: Id(6)] double P50,
    [property: Id(7)] double P95,
    [property: Id(8)] double P99)
{
    /// <summary>How many of the top terms a window result carries.</summary>
    public const int TopTermsShown = 10;

    /// <summary>
    /// The most frequent terms (hashtags) of the window's events, most frequent first, ties by term; null for series whose
    /// events carry none. Each count is a lower bound, at most <see cref="TermCount.MaxError"/> below the true count.
    /// </summary>
    [Id(9)] public TermCount[]? TopTerms { get; init; }

    /// <summary>Equal when every statistic is (NaN equals NaN, as in the generated equality) and the top terms are, in order.</summary>
    public bool Equals(WindowAggregate? other) =>
        other is not null && Count == other.Count && Sum.Equals(other.Sum) && Min.Equals(other.Min) && Max.Equals(other.Max)
        && Mean.Equals(other.Mean) && StdDev.Equals(other.StdDev) && P50.Equals(other.P50) && P95.Equals(other.P95) && P99.Equals(other.P99)
        && (TopTerms ?? []).SequenceEqual(other.TopTerms ?? []) && (TopTerms is null) == (other.TopTerms is null);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Count, Sum, Min, Max, Mean, StdDev, P50, HashCode.Combine(P95, P99, TopTerms?.Length));
}
