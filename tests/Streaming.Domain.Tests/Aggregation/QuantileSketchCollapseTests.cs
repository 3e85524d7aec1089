using CsCheck;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class QuantileSketchCollapseTests
{
    private const int MaxBuckets = 16;

    [Fact]
    public void Add_WideRangeBeyondMaxBuckets_KeepsCountAndUpperQuantilesAccurate()
    {
        // 1 .. 1e6 in 1 % buckets spans about 690 buckets; only the top 16 survive.
        var random = new Random(42);
        var values = Enumerable.Range(0, 10_000).Select(_ => Math.Pow(10, 6 * random.NextDouble())).ToArray();
        var sorted = values.Order().ToArray();

        var sketch = AggregationData.SketchOf(values, QuantileSketch.DefaultRelativeAccuracy, MaxBuckets);

        Assert.Equal(values.Length, sketch.Count);
        // The top 15 buckets cover values within a factor 1.02^15 (about 1.35) of the maximum: the top ~2 % here.
        foreach (var q in new[] { 0.99, 0.995, 0.999, 1.0 })
        {
            AggregationData.AssertWithinBound(AggregationData.ExactQuantile(sorted, q), sketch.Quantile(q), sketch.RelativeAccuracy, $"q={q}");
        }

        // Collapsed low quantiles report the lowest kept bucket: too high, never below the truth.
        Assert.True(sketch.Quantile(0) >= sorted[0]);
    }

    [Fact]
    public void Add_MixedSignsBeyondMaxBuckets_OnlyLowestQuantilesLoseAccuracy() =>
        AggregationData.Any.Array[1, 300].Sample(values =>
        {
            var sketch = AggregationData.SketchOf(values, QuantileSketch.DefaultRelativeAccuracy, MaxBuckets);
            var sorted = values.Order().ToArray();
            var exact = AggregationData.SketchOf(values);

            Assert.Equal(values.Length, sketch.Count);
            // Quantiles whose value lies at or above the lowest kept bucket are untouched by collapsing.
            var floor = sketch.Quantile(0);
            foreach (var q in AggregationData.QuantileGrid)
            {
                var expected = AggregationData.ExactQuantile(sorted, q);
                if (exact.Quantile(q) > floor)
                {
                    AggregationData.AssertWithinBound(expected, sketch.Quantile(q), sketch.RelativeAccuracy, $"q={q}");
                }
                else
                {
                    Assert.Equal(floor, sketch.Quantile(q));
                }
            }
        });

    [Fact]
    public void Add_BeyondMaxBucketsInAnyOrder_SameState() =>
        AggregationData.Any.Array[0, 200].SelectMany(values => Gen.Shuffle(values.ToArray()).Select(shuffled => (values, shuffled)))
            .Sample((values, shuffled) => Assert.True(
                AggregationData.SketchOf(values, 0.01, MaxBuckets).HasSameState(AggregationData.SketchOf(shuffled, 0.01, MaxBuckets))));

    [Fact]
    public void Merge_BeyondMaxBuckets_SameStateAsOneSketch() =>
        Gen.Select(AggregationData.Any.Array[0, 200], AggregationData.Any.Array[0, 200]).Sample((a, b) =>
        {
            var merged = AggregationData.SketchOf(a, 0.01, MaxBuckets);
            merged.Merge(AggregationData.SketchOf(b, 0.01, MaxBuckets));

            Assert.True(merged.HasSameState(AggregationData.SketchOf(a.Concat(b), 0.01, MaxBuckets)));
        });
}
