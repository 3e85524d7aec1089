using CsCheck;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class QuantileSketchTests
{
    [Fact]
    public void Quantile_GeneratedValuesWithNegativesAndZeros_WithinRelativeAccuracyOfExact() =>
        Gen.Select(AggregationData.Any.Array[1, 400], Gen.OneOf(0.001, 0.01, 0.05)).Sample(
            (values, accuracy) => AggregationData.AssertAllQuantilesWithinBound(values, AggregationData.SketchOf(values, accuracy), $"a={accuracy}"),
            iter: 300);

    [Theory]
    [InlineData("uniform")]
    [InlineData("normal")]
    [InlineData("exponential")]
    [InlineData("lognormal")]
    [InlineData("pareto")]
    [InlineData("mixed-sign-with-zeros")]
    public void Quantile_SeededKnownDistribution_WithinRelativeAccuracyOfExact(string distribution)
    {
        var random = new Random(42);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        Func<double> next = distribution switch
        {
            "uniform" => () => random.NextDouble() * 100,
            "normal" => () => 50 + (10 * Normal()),
            "exponential" => () => -Math.Log(1 - random.NextDouble()) * 3,
            "lognormal" => () => Math.Exp(2 * Normal()),
            "pareto" => () => 1 / Math.Pow(1 - random.NextDouble(), 1 / 1.5),
            _ => () => random.Next(4) == 0 ? 0 : 1000 * Normal(),
        };
        var values = Enumerable.Range(0, 20_000).Select(_ => next()).ToArray();

        AggregationData.AssertAllQuantilesWithinBound(values, AggregationData.SketchOf(values), distribution);
    }

    [Fact]
    public void Quantile_EmptySketch_IsNaN()
    {
        var sketch = new QuantileSketch();

        Assert.Equal(0, sketch.Count);
        Assert.All(AggregationData.QuantileGrid, q => Assert.True(double.IsNaN(sketch.Quantile(q))));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Quantile_OutsideZeroToOne_ThrowsArgumentOutOfRange(double q) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AggregationData.SketchOf([1.0]).Quantile(q));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Add_NonFiniteValue_ThrowsArgumentOutOfRangeAndKeepsState(double value)
    {
        var sketch = AggregationData.SketchOf([1.0, 2.0]);
        var before = sketch.Clone();

        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Add(value));
        Assert.True(sketch.HasSameState(before));
    }

    [Fact]
    public void Add_SameValuesInSameOrder_BitIdenticalState() =>
        AggregationData.Any.Array[0, 300].Sample(values =>
            Assert.True(AggregationData.SketchOf(values).HasSameState(AggregationData.SketchOf(values))));

    [Fact]
    public void Add_ValuesInAnyOrder_SameState() =>
        AggregationData.Any.Array[0, 300].SelectMany(values => Gen.Shuffle(values.ToArray()).Select(shuffled => (values, shuffled)))
            .Sample((values, shuffled) => Assert.True(AggregationData.SketchOf(values).HasSameState(AggregationData.SketchOf(shuffled))));

    [Theory]
    [InlineData(double.MaxValue)]
    [InlineData(-double.MaxValue)]
    [InlineData(1e-300)]
    [InlineData(-1e-299)]
    [InlineData(0.0)]
    public void Add_ExtremeValue_QuantileWithinBound(double value) =>
        AggregationData.AssertWithinBound(value, AggregationData.SketchOf([value]).Quantile(0.5), QuantileSketch.DefaultRelativeAccuracy, "single value");

    [Theory]
    [InlineData(double.Epsilon)]
    [InlineData(-1e-310)]
    public void Add_MagnitudeBelowMinIndexable_CountsAsZero(double value)
    {
        var sketch = AggregationData.SketchOf([value]);

        Assert.Equal(1, sketch.Count);
        Assert.Equal(0.0, sketch.Quantile(0.5));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-7)]
    [InlineData(1.0)]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    public void Constructor_AccuracyOutOfRange_ThrowsArgumentOutOfRange(double accuracy) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileSketch(accuracy));

    [Fact]
    public void Constructor_NoBuckets_ThrowsArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileSketch(0.01, maxBuckets: 0));

    [Fact]
    public void Clone_ThenAddToOriginal_CloneUnchanged()
    {
        var sketch = AggregationData.SketchOf([1.0, -2.0, 0.0]);
        var clone = sketch.Clone();

        sketch.Add(1000);

        Assert.Equal(3, clone.Count);
        Assert.Equal(1.0, clone.Quantile(1), 0.01);
        Assert.True(AggregationData.SketchOf([1.0, -2.0, 0.0]).HasSameState(clone));
    }
}
