namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class HeavyHittersTests
{
    private static HeavyHitters Of(int capacity, params string[] terms) =>
        terms.Aggregate(HeavyHitters.Create(capacity), (acc, term) => acc.Add(term));

    [Fact]
    public void Add_FewerTermsThanCapacity_ExactCounts()
    {
        var sketch = Of(3, "flu", "nhs", "flu", "covid", "flu");

        Assert.Equal(
            [new TermCount("flu", 3, 0), new TermCount("covid", 1, 0), new TermCount("nhs", 1, 0)],
            sketch.Top(10));
        Assert.Equal((5, 0), (sketch.Total, sketch.MaxError));
    }

    [Fact]
    public void Add_NewTermWhenFull_DecrementsAll()
    {
        // Classic Misra-Gries with k = 2: c arrives when a and b are held, so every counter loses one and c is not kept.
        var sketch = Of(2, "a", "a", "b", "c");

        Assert.Equal([new TermCount("a", 1, 1)], sketch.Top(5));
        Assert.Equal(new TermCount("c", 0, 1), sketch.Estimate("c"));
        Assert.Equal(4, sketch.Total);
    }

    [Fact]
    public void Add_Weighted_SameAsRepeatedWhenNoShrink()
    {
        var weighted = HeavyHitters.Create(4).Add("a", 5).Add("b", 2).Add("a", 0);
        var repeated = Of(4, "a", "a", "a", "a", "a", "b", "b");

        Assert.True(weighted.HasSameState(repeated));
    }

    [Fact]
    public void Top_TiesBrokenByOrdinalTerm_CountsDescending()
    {
        var sketch = Of(8, "b", "B", "a", "é", "a", "b");

        Assert.Equal(["a", "b", "B", "é"], sketch.Top(8).Select(t => t.Term));
        Assert.Equal(["a", "b"], sketch.Top(2).Select(t => t.Term));
        Assert.Empty(sketch.Top(0));
    }

    [Fact]
    public void Merge_Counters_SummedThenShrunkByKPlusOnethLargest()
    {
        var left = HeavyHitters.Create(2).Add("a", 10).Add("b", 4);
        var right = HeavyHitters.Create(2).Add("c", 6).Add("b", 1);

        left.Merge(right);

        // Summed: a 10, b 5, c 6. The third largest (5) is subtracted and b is dropped.
        Assert.Equal([new TermCount("a", 5, 5), new TermCount("c", 1, 5)], left.Top(3));
        Assert.Equal(21, left.Total);
    }

    [Fact]
    public void Merge_Other_OtherUnchangedAndItselfDoubles()
    {
        var other = Of(3, "x", "y", "x");
        var before = other.Clone();

        Of(3, "z").Merge(other);
        other.Merge(other);

        Assert.True(Of(3, "x", "y", "x").Merge(before).HasSameState(other));
        Assert.Equal(6, other.Total);
    }

    [Fact]
    public void Merge_DifferentCapacity_Throws() =>
        Assert.Throws<ArgumentException>(() => HeavyHitters.Create(2).Merge(HeavyHitters.Create(3)));

    [Fact]
    public void Guards_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeavyHitters(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeavyHitters().Add("a", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeavyHitters().Top(-1));
        Assert.Throws<OverflowException>(() => new HeavyHitters().Add("a", long.MaxValue).Add("b"));
        Assert.Equal(HeavyHitters.DefaultCapacity, new HeavyHitters().Capacity);
    }

    [Fact]
    public void Clone_IsDeep()
    {
        var sketch = Of(2, "a");
        var clone = sketch.Clone();

        sketch.Add("a").Add("b").Add("c");

        Assert.Equal([new TermCount("a", 1, 0)], clone.Top(5));
    }
}
