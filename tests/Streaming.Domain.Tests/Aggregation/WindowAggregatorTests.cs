using CsCheck;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class WindowAggregatorTests
{
    private static readonly Gen<double[]> Values = AggregationData.Moderate.Array[1, 400];

    [Fact]
    public void Add_GeneratedValues_CountSumMinMaxExact() =>
        Values.Sample(values =>
        {
            var acc = AggregationData.AccumulatorOf(values);
            var sum = 0.0;
            foreach (var value in values)
            {
                sum += value;
            }

            Assert.Equal(values.Length, acc.Count);
            Assert.Equal(sum, acc.Sum);
            Assert.Equal(values.Min(), acc.Min);
            Assert.Equal(values.Max(), acc.Max);
        });

    [Fact]
    public void Result_GeneratedValues_MeanAndPopulationStdDevMatchTwoPass() =>
        Values.Sample(values =>
        {
            var result = WindowAggregator.Result(AggregationData.AccumulatorOf(values));
            var (mean, stdDev) = TwoPass(values);
            var scale = values.Max(Math.Abs);

            AggregationData.AssertClose(mean, result.Mean, scale, "mean");
            AggregationData.AssertClose(stdDev, result.StdDev, scale, "stddev");
        });

    [Fact]
    public void Result_KnownValues_PopulationStdDevAndQuantilesWithinBound()
    {
        var result = WindowAggregator.Result(AggregationData.AccumulatorOf([2.0, 4, 4, 4, 5, 5, 7, 9]));

        Assert.Equal(new WindowAggregate(8, 40, 2, 9, 5, 2, result.P50, result.P95, result.P99), result);
        AggregationData.AssertWithinBound(4, result.P50, QuantileSketch.DefaultRelativeAccuracy, "p50");
        AggregationData.AssertWithinBound(9, result.P95, QuantileSketch.DefaultRelativeAccuracy, "p95");
        AggregationData.AssertWithinBound(9, result.P99, QuantileSketch.DefaultRelativeAccuracy, "p99");
    }

    [Fact]
    public void Result_GeneratedValues_QuantilesWithinBoundAndInsideMinMax() =>
        Values.Sample(values =>
        {
            var result = WindowAggregator.Result(AggregationData.AccumulatorOf(values));
            var sorted = values.Order().ToArray();

            foreach (var (q, actual) in new[] { (0.5, result.P50), (0.95, result.P95), (0.99, result.P99) })
            {
                AggregationData.AssertWithinBound(AggregationData.ExactQuantile(sorted, q), actual, QuantileSketch.DefaultRelativeAccuracy, $"q={q}");
                Assert.InRange(actual, result.Min, result.Max);
            }
        });

    [Fact]
    public void Result_Empty_CountZeroAndStatisticsNaN()
    {
        var result = WindowAggregator.Result(WindowAggregator.Create());

        Assert.Equal((0L, 0.0), (result.Count, result.Sum));
        Assert.All([result.Min, result.Max, result.Mean, result.StdDev, result.P50, result.P95, result.P99], s => Assert.True(double.IsNaN(s)));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Add_NonFiniteValue_ThrowsAndLeavesAccumulatorUnchanged(double value)
    {
        var acc = AggregationData.AccumulatorOf([1.0, 2.0]);
        var before = WindowAggregator.Result(acc);

        Assert.Throws<ArgumentOutOfRangeException>(() => WindowAggregator.Add(acc, value));
        Assert.Equal(before, WindowAggregator.Result(acc));
    }

    [Fact]
    public void Clone_ThenAddToOriginal_CloneUnchanged()
    {
        var acc = AggregationData.AccumulatorOf([1.0, 2.0]);
        var clone = acc.Clone();
        var before = WindowAggregator.Result(clone);

        WindowAggregator.Add(acc, 100);

        Assert.Equal(before, WindowAggregator.Result(clone));
        Assert.Equal(2, clone.Sketch.Count);
    }

    private static (double Mean, double StdDev) TwoPass(double[] values)
    {
        var mean = values.Sum() / values.Length;
        var squares = values.Sum(v => (v - mean) * (v - mean));
        return (mean, Math.Sqrt(squares / values.Length));
    }
}
