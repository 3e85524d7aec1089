using CsCheck;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class WindowAggregatorMergeTests
{
    [Fact]
    public void Merge_TwoAccumulators_SameAsAddingAllToOne() =>
        Gen.Select(AggregationData.Moderate.Array[0, 300], AggregationData.Moderate.Array[0, 300]).Sample((a, b) =>
        {
            var merged = WindowAggregator.Result(WindowAggregator.Merge(AggregationData.AccumulatorOf(a), AggregationData.AccumulatorOf(b)));
            var all = WindowAggregator.Result(AggregationData.AccumulatorOf(a.Concat(b)));
            var scale = a.Concat(b).Select(Math.Abs).DefaultIfEmpty().Max();

            Assert.Equal(all.Count, merged.Count);
            Assert.Equal(all.Min, merged.Min);
            Assert.Equal(all.Max, merged.Max);
            AggregationData.AssertClose(all.Sum, merged.Sum, scale * Math.Max(1, all.Count), "sum");
            AggregationData.AssertClose(all.Mean, merged.Mean, scale, "mean");
            AggregationData.AssertClose(all.StdDev, merged.StdDev, scale, "stddev");
            Assert.Equal((all.P50, all.P95, all.P99), (merged.P50, merged.P95, merged.P99));
        });

    [Fact]
    public void Merge_Other_ReturnsIntoAndLeavesOtherUnchanged()
    {
        var into = AggregationData.AccumulatorOf([1.0, 2.0]);
        var other = AggregationData.AccumulatorOf([10.0, -4.0, 0.0]);
        var before = WindowAggregator.Result(other);

        Assert.Same(into, WindowAggregator.Merge(into, other));
        Assert.Equal(before, WindowAggregator.Result(other));
        Assert.Equal(5, into.Count);
    }

    [Fact]
    public void Merge_WithEmpty_EitherWayUnchangedStatistics()
    {
        var values = new[] { 3.0, -1.5, 8.25 };
        var expected = WindowAggregator.Result(AggregationData.AccumulatorOf(values));

        Assert.Equal(expected, WindowAggregator.Result(WindowAggregator.Merge(WindowAggregator.Create(), AggregationData.AccumulatorOf(values))));
        Assert.Equal(expected, WindowAggregator.Result(WindowAggregator.Merge(AggregationData.AccumulatorOf(values), WindowAggregator.Create())));
    }

    [Fact]
    public void Merge_Itself_DoublesEverything()
    {
        var acc = AggregationData.AccumulatorOf([1.0, 3.0]);

        var result = WindowAggregator.Result(WindowAggregator.Merge(acc, acc));

        Assert.Equal(WindowAggregator.Result(AggregationData.AccumulatorOf([1.0, 3.0, 1.0, 3.0])), result);
    }
}
