namespace Streaming.Ingress.Tests;

[Trait("Category", "Ingress")]
public sealed class TimestampSearchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    // A partition whose first offset is 100 and whose messages carry these minutes after T0.
    private static (long Found, int Probes) Search(int[] minutes, int atMinute, long low = 100)
    {
        var probes = 0;
        var found = TimestampSearch.FirstAtOrAfter(low, low + minutes.Length, T0.AddMinutes(atMinute), offset =>
        {
            probes++;
            Assert.InRange(offset, low, low + minutes.Length - 1);
            return T0.AddMinutes(minutes[offset - low]);
        });
        return (found, probes);
    }

    [Fact]
    public void FirstAtOrAfter_EmptyPartition_ReturnsHighWithoutProbing()
    {
        Assert.Equal((100L, 0), Search([], 5));
    }

    [Fact]
    public void FirstAtOrAfter_AllOlder_ReturnsHigh()
    {
        Assert.Equal(105, Search([0, 1, 2, 3, 4], 10).Found);
    }

    [Fact]
    public void FirstAtOrAfter_AllNewer_ReturnsLow()
    {
        Assert.Equal(100, Search([20, 21, 22], 10).Found);
    }

    [Fact]
    public void FirstAtOrAfter_ExactMatch_ReturnsThatOffset()
    {
        Assert.Equal(103, Search([0, 2, 4, 6, 8], 6).Found);
    }

    [Fact]
    public void FirstAtOrAfter_BetweenTimestamps_ReturnsTheNextNewer()
    {
        Assert.Equal(103, Search([0, 2, 4, 6, 8], 5).Found);
    }

    [Fact]
    public void FirstAtOrAfter_RunOfEqualTimestamps_ReturnsTheFirstOfTheRun()
    {
        Assert.Equal(102, Search([1, 1, 5, 5, 5, 5, 5, 9], 5).Found);
        Assert.Equal(100, Search([5, 5, 5, 5], 5).Found);
        Assert.Equal(104, Search([5, 5, 5, 5], 6).Found);
    }

    [Fact]
    public void FirstAtOrAfter_SingleMessage_ReturnsItOrHigh()
    {
        Assert.Equal(100, Search([3], 3).Found);
        Assert.Equal(101, Search([3], 4).Found);
    }

    [Fact]
    public void FirstAtOrAfter_MillionMessages_ProbesLogarithmically()
    {
        var minutes = Enumerable.Range(0, 1_000_000).Select(i => i / 7).ToArray();

        var (found, probes) = Search(minutes, 1000, low: 0);

        Assert.Equal(7000, found);
        Assert.InRange(probes, 1, 21);
    }

    [Fact]
    public void FirstAtOrAfter_EveryTimeOverRandomSortedLogs_MatchesALinearScan()
    {
        var random = new Random(42);
        for (var run = 0; run < 200; run++)
        {
            var minutes = Enumerable.Range(0, random.Next(0, 40)).Select(_ => random.Next(0, 15)).Order().ToArray();
            for (var at = -1; at <= 16; at++)
            {
                var linear = Array.FindIndex(minutes, m => m >= at) is var i and >= 0 ? 100 + i : 100 + minutes.Length;
                Assert.Equal(linear, Search(minutes, at).Found);
            }
        }
    }
}
