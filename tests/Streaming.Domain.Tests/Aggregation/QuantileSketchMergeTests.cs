using CsCheck;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class QuantileSketchMergeTests
{
    private static readonly Gen<double[]> Values = AggregationData.Any.Array[0, 300];

    [Fact]
    public void Merge_TwoSketches_SameAsOneSketchOfAllValues() =>
        Gen.Select(Values, Values).Sample((a, b) =>
        {
            var merged = AggregationData.SketchOf(a);
            merged.Merge(AggregationData.SketchOf(b));
            var all = AggregationData.SketchOf(a.Concat(b));

            Assert.Equal(all.Count, merged.Count);
            Assert.All(AggregationData.QuantileGrid, q => Assert.Equal(all.Quantile(q), merged.Quantile(q)));
            Assert.True(merged.HasSameState(all));
        });

    [Fact]
    public void Merge_OtherAddsNoNewBucket_SameAsOneSketchOfAllValues() =>
        Gen.Select(Values, Gen.Int[1, 5]).Sample((a, step) =>
        {
            // The roll-up's usual case: the other sketch's buckets are all already present, so counts add in place.
            var b = a.Where((_, i) => i % step == 0).ToArray();
            var merged = AggregationData.SketchOf(a);
            merged.Merge(AggregationData.SketchOf(b));

            Assert.True(merged.HasSameState(AggregationData.SketchOf(a.Concat(b))));
        });

    [Fact]
    public void Merge_SwappedOperands_SameState() =>
        Gen.Select(Values, Values).Sample((a, b) => Assert.True(Merged(a, b).HasSameState(Merged(b, a))));

    [Fact]
    public void Merge_Regrouped_SameState() =>
        Gen.Select(Values, Values, Values).Sample((a, b, c) =>
        {
            var left = Merged(a, b);
            left.Merge(AggregationData.SketchOf(c));
            var right = AggregationData.SketchOf(a);
            right.Merge(Merged(b, c));

            Assert.True(left.HasSameState(right));
        });

    [Fact]
    public void Merge_Itself_DoublesEveryBucket()
    {
        var sketch = AggregationData.SketchOf([1.0, -3.0, 0.0, 7.5]);

        sketch.Merge(sketch);

        Assert.True(sketch.HasSameState(AggregationData.SketchOf([1.0, -3.0, 0.0, 7.5, 1.0, -3.0, 0.0, 7.5])));
    }

    [Fact]
    public void Merge_Other_OtherUnchanged()
    {
        var other = AggregationData.SketchOf([5.0, 6.0]);
        var before = other.Clone();

        AggregationData.SketchOf([1.0]).Merge(other);

        Assert.True(other.HasSameState(before));
    }

    [Fact]
    public void Merge_EmptySketches_StaysEmpty()
    {
        var sketch = new QuantileSketch();

        sketch.Merge(new QuantileSketch());

        Assert.Equal(0, sketch.Count);
        Assert.True(double.IsNaN(sketch.Quantile(0.5)));
    }

    [Fact]
    public void Merge_DifferentAccuracy_ThrowsArgumentException()
    {
        var sketch = AggregationData.SketchOf([1.0], 0.01);
        var before = sketch.Clone();

        Assert.Throws<ArgumentException>(() => sketch.Merge(AggregationData.SketchOf([2.0], 0.02)));
        Assert.True(sketch.HasSameState(before));
    }

    private static QuantileSketch Merged(double[] a, double[] b)
    {
        var sketch = AggregationData.SketchOf(a);
        sketch.Merge(AggregationData.SketchOf(b));
        return sketch;
    }
}
