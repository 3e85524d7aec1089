using CsCheck;

namespace Streaming.Domain.Tests;

/// <summary>Generators, exact reference quantiles and the error-bound check shared by the aggregation tests.</summary>
internal static class AggregationData
{
    /// <summary>q = 0, 0.01, ..., 1.</summary>
    public static readonly double[] QuantileGrid = [.. Enumerable.Range(0, 101).Select(i => i / 100.0)];

    /// <summary>Magnitudes from 1e-300 to 1e300, either sign.</summary>
    public static readonly Gen<double> LogUniform =
        Gen.Select(Gen.Double[-300, 300], Gen.Bool, (exponent, negative) => (negative ? -1 : 1) * Math.Pow(10, exponent));

    /// <summary>Finite values of moderate size: negatives, exact zeros, small and large magnitudes.</summary>
    public static readonly Gen<double> Moderate = Gen.Frequency(
        (4, Gen.Double[-1e6, 1e6]),
        (2, Gen.Double[-1, 1]),
        (1, Gen.Const(0.0)),
        (1, Gen.Int[-5, 5].Select(i => (double)i)));

    /// <summary>Everything the sketch must handle, including very wide ranges of magnitude.</summary>
    public static readonly Gen<double> Any = Gen.Frequency((3, Moderate), (1, LogUniform));

    public static QuantileSketch SketchOf(IEnumerable<double> values, double accuracy = QuantileSketch.DefaultRelativeAccuracy, int maxBuckets = QuantileSketch.DefaultMaxBuckets)
    {
        var sketch = new QuantileSketch(accuracy, maxBuckets);
        foreach (var value in values)
        {
            sketch.Add(value);
        }

        return sketch;
    }

    public static WindowAccumulator AccumulatorOf(IEnumerable<double> values) =>
        values.Aggregate(WindowAggregator.Create(), WindowAggregator.Add);

    /// <summary>The sketch's reference, the nearest-rank quantile: the sorted value at 0-based rank max(0, ceil(q * n) - 1).</summary>
    public static double ExactQuantile(double[] sorted, double q) => sorted[Math.Max(0, (long)Math.Ceiling(q * sorted.Length) - 1)];

    /// <summary>
    /// |actual - expected| &lt;= accuracy * |expected|, with slack for floating-point rounding at bucket
    /// boundaries (1e-9 of the bound) and for magnitudes below <see cref="QuantileSketch.MinIndexableValue"/>,
    /// which the sketch counts as zero.
    /// </summary>
    public static void AssertWithinBound(double expected, double actual, double accuracy, string context)
    {
        var allowed = (accuracy * (1 + 1e-9) * Math.Abs(expected)) + QuantileSketch.MinIndexableValue;
        Assert.True(
            Math.Abs(actual - expected) <= allowed,
            $"{context}: expected {expected:R} within {accuracy:P3}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E3}).");
    }

    public static void AssertAllQuantilesWithinBound(double[] values, QuantileSketch sketch, string context)
    {
        var sorted = values.Order().ToArray();
        foreach (var q in QuantileGrid)
        {
            AssertWithinBound(ExactQuantile(sorted, q), sketch.Quantile(q), sketch.RelativeAccuracy, $"{context}, q={q}, n={sorted.Length}");
        }
    }

    /// <summary>|actual - expected| &lt;= 1e-9 * scale, where scale is the largest magnitude in the data (or 1e-300).</summary>
    public static void AssertClose(double expected, double actual, double scale, string what) =>
        Assert.True(
            Math.Abs(actual - expected) <= 1e-9 * Math.Max(scale, 1e-300),
            $"{what}: expected {expected:R}, got {actual:R} (scale {scale:R}).");
}
