using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class NearDuplicateIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Content(int i) => i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    // Flips the given bit positions.
    private static ulong Flip(ulong hash, params int[] bits) => bits.Aggregate(hash, (h, b) => h ^ (1UL << b));

    [Fact]
    public void Check_Empty_NoMatchThenRemembered()
    {
        var index = new NearDuplicateIndex(capacity: 4);

        Assert.Null(index.Check(0xABCDEF, Content(1), "a", T0));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Check_WithinThreshold_ClosestMatchWithDistance()
    {
        var index = new NearDuplicateIndex(capacity: 8);
        const ulong hash = 0x0123_4567_89AB_CDEF;
        index.Check(Flip(hash, 1, 9, 17, 25, 33), Content(1), "a", T0);
        index.Check(Flip(hash, 2, 40), Content(2), "b", T0.AddSeconds(1));

        var match = index.Check(hash, Content(3), "c", T0.AddSeconds(2));

        Assert.NotNull(match);
        Assert.Equal((Content(2), 2, false), (match.Entry.ContentHash, match.Distance, match.SameContent));
    }

    [Fact]
    public void Check_BeyondThreshold_NoMatch()
    {
        var index = new NearDuplicateIndex(capacity: 8, threshold: 6);
        index.Check(0, Content(1), "a", T0);

        Assert.Null(index.Check(Flip(0, 0, 8, 16, 24, 32, 40, 48), Content(2), "b", T0));
    }

    [Fact]
    public void Check_SevenBitsApartInSevenBands_FoundByBandIndex()
    {
        // Pigeonhole edge: only band 7 (bits 56-63) agrees.
        var index = new NearDuplicateIndex(capacity: 8, threshold: 7);
        index.Check(0, Content(1), "a", T0);

        Assert.Equal(7, index.Check(Flip(0, 0, 8, 16, 24, 32, 40, 48), Content(2), "b", T0)?.Distance);
    }

    [Fact]
    public void Check_ThresholdAboveSeven_FoundByScan()
    {
        var index = new NearDuplicateIndex(capacity: 8, threshold: 10);
        index.Check(0, Content(1), "a", T0);

        Assert.Equal(10, index.Check(Flip(0, 0, 8, 16, 24, 32, 40, 48, 56, 1, 9), Content(2), "b", T0)?.Distance);
    }

    [Fact]
    public void Check_SameContentDifferentHash_DuplicateWhateverTheDistance()
    {
        var index = new NearDuplicateIndex(capacity: 8);
        index.Check(0, Content(1), "a", T0);

        var match = index.Check(ulong.MaxValue, Content(1), "b", T0);

        Assert.NotNull(match);
        Assert.True(match.SameContent);
        Assert.Equal(64, match.Distance);
    }

    [Fact]
    public void Check_EqualDistance_MostRecentWins()
    {
        var index = new NearDuplicateIndex(capacity: 8);
        index.Check(Flip(0, 3), Content(1), "old", T0);
        index.Check(Flip(0, 5), Content(2), "new", T0.AddMinutes(1));

        Assert.Equal("new", index.Check(0, Content(3), "c", T0.AddMinutes(2))?.Entry.Source);
    }

    [Fact]
    public void Check_OverCapacity_OldestForgotten()
    {
        var index = new NearDuplicateIndex(capacity: 2);
        index.Check(0x1111, Content(1), "a", T0);
        index.Check(0x2222_0000_0000, Content(2), "b", T0);
        index.Check(0x3333_0000_0000_0000, Content(3), "c", T0);

        Assert.Equal(2, index.Count);
        Assert.Null(index.Find(0x1111, Content(9)));
        Assert.Null(index.Find(0x1111, Content(1)));
        Assert.NotNull(index.Find(0x2222_0000_0000, Content(9)));
    }

    [Fact]
    public void Check_RandomStream_SameAsLinearScanOverRecentImages()
    {
        // Hashes near a few bases so matches at every distance occur; small capacity so eviction happens.
        var gen = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 63].Array[0, 9], Gen.Int[0, 30]).Array[1, 80];
        ulong[] bases = [0, 0xFFFF_0000_FFFF_0000, 0x0123_4567_89AB_CDEF, 0xF0F0_F0F0_0F0F_0F0F];
        gen.Sample(items =>
        {
            var index = new NearDuplicateIndex(capacity: 16, threshold: 6);
            var seen = new List<NearDuplicateEntry>();
            for (var i = 0; i < items.Length; i++)
            {
                var (b, flips, content) = items[i];
                var hash = Flip(bases[b], flips);
                var match = index.Check(hash, Content(content), "s", T0.AddSeconds(i));
                var recent = seen.TakeLast(16).ToList();
                (NearDuplicateEntry? Entry, bool Same) expected = recent.LastOrDefault(e => e.ContentHash == Content(content)) is { } same
                    ? (same, true)
                    : recent.Select((e, age) => (e, age)).Where(p => PerceptualHash.Distance(hash, p.e.Hash) <= 6)
                        .OrderBy(p => PerceptualHash.Distance(hash, p.e.Hash)).ThenByDescending(p => p.age)
                        .Select(p => ((NearDuplicateEntry?)p.e, false)).FirstOrDefault();
                if (match?.Entry != expected.Entry || (match is not null && match.SameContent != expected.Same))
                {
                    return false;
                }
                seen.Add(new NearDuplicateEntry(hash, Content(content), "s", T0.AddSeconds(i)));
            }
            return true;
        });
    }

    [Fact]
    public void Serialize_RoundTrip_StillFindsWhatItRemembered()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var index = new NearDuplicateIndex(capacity: 3, threshold: 5);
        for (var i = 0; i < 5; i++)
        {
            index.Check((ulong)i << (i * 12), Content(i), "s", T0.AddSeconds(i));
        }

        var copy = serializer.Deserialize<NearDuplicateIndex>(serializer.SerializeToArray(index))!;

        Assert.Equal((3, 3, 5), (copy.Capacity, copy.Count, copy.Threshold));
        Assert.Equal(Content(4), copy.Find(0, Content(4))?.Entry.ContentHash);
        Assert.Null(copy.Find(ulong.MaxValue, Content(1)));
        Assert.Equal(Content(2), copy.Check(Flip(2UL << 24, 60), Content(7), "t", T0)?.Entry.ContentHash);
    }
}
