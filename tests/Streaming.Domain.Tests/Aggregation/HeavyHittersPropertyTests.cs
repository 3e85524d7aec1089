using CsCheck;

namespace Streaming.Domain.Tests;

/// <summary>The Misra-Gries bound against exact counts, for random skewed streams, merges and replays.</summary>
[Trait("Category", "Domain")]
public sealed class HeavyHittersPropertyTests
{
    // A skewed vocabulary: a few frequent terms among many rare ones, as hashtags are.
    private static readonly Gen<string> Term = Gen.Frequency(
        (6, Gen.Int[0, 4].Select(i => "hot" + i)),
        (3, Gen.Int[0, 40].Select(i => "warm" + i)),
        (2, Gen.Int[0, 2000].Select(i => "rare" + i)));

    private static readonly Gen<(string Term, int Count)[]> Stream = Gen.Select(Term, Gen.Frequency((5, Gen.Const(1)), (1, Gen.Int[0, 20]))).Array[0, 400];

    private static readonly Gen<int> Capacity = Gen.Int[1, 24];

    private static HeavyHitters SketchOf(int capacity, IEnumerable<(string Term, int Count)> stream) =>
        stream.Aggregate(HeavyHitters.Create(capacity), (acc, x) => acc.Add(x.Term, x.Count));

    private static Dictionary<string, long> Exact(IEnumerable<(string Term, int Count)> stream) =>
        stream.GroupBy(x => x.Term, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(x => (long)x.Count), StringComparer.Ordinal);

    private static void AssertBound(HeavyHitters sketch, Dictionary<string, long> exact)
    {
        var n = exact.Values.Sum();
        Assert.Equal(n, sketch.Total);
        Assert.True(sketch.MaxError <= n / (sketch.Capacity + 1));
        foreach (var (term, f) in exact)
        {
            var estimate = sketch.Estimate(term);
            Assert.InRange(f, estimate.Count, estimate.UpperBound);
            if (f * (sketch.Capacity + 1) > n)
            {
                Assert.Contains(sketch.Top(sketch.Capacity), t => t.Term == term);
            }
        }

        Assert.True(sketch.Top(int.MaxValue).Count <= sketch.Capacity);
        Assert.All(sketch.Top(int.MaxValue), t => Assert.True(exact.ContainsKey(t.Term) && t.Count > 0));
    }

    [Fact]
    public void Add_RandomStream_EveryEstimateWithinBound() =>
        Gen.Select(Capacity, Stream).Sample((k, stream) => AssertBound(SketchOf(k, stream), Exact(stream)));

    [Fact]
    public void Merge_TwoSketches_BoundHoldsOnCombinedStream() =>
        Gen.Select(Capacity, Stream, Stream).Sample((k, a, b) =>
            AssertBound(SketchOf(k, a).Merge(SketchOf(k, b)), Exact(a.Concat(b))));

    [Fact]
    public void Merge_TreeOfSketches_BoundHoldsOnAllStreams() =>
        Gen.Select(Capacity, Stream.Array[1, 6]).Sample((k, streams) =>
        {
            var sketches = streams.Select(s => SketchOf(k, s)).ToList();
            while (sketches.Count > 1)
            {
                sketches = [.. sketches.Chunk(2).Select(pair => pair.Length == 1 ? pair[0] : pair[0].Merge(pair[1]))];
            }

            AssertBound(sketches[0], Exact(streams.SelectMany(s => s)));
        });

    [Fact]
    public void Replay_SameCallsSameOrder_SameStateAndTop() =>
        Gen.Select(Capacity, Stream, Stream).Sample((k, a, b) =>
        {
            var first = SketchOf(k, a).Merge(SketchOf(k, b));
            var second = SketchOf(k, a).Merge(SketchOf(k, b));

            Assert.True(first.HasSameState(second));
            Assert.Equal(first.Top(k), second.Top(k));
        });

    [Fact]
    public void Top_AnyStream_SortedByCountThenOrdinalTerm() =>
        Gen.Select(Capacity, Stream).Sample((k, stream) =>
        {
            var top = SketchOf(k, stream).Top(k);

            Assert.Equal(top.OrderByDescending(t => t.Count).ThenBy(t => t.Term, StringComparer.Ordinal), top);
        });
}
