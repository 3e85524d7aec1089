namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class TokenBucketsTests
{
    private static readonly TokenBucketLimits OneABurstOfTwo = new(perSecond: 1, burst: 2);

    private static long Seconds(double s) => TimeSpan.FromSeconds(s).Ticks;

    private static int Take(TokenBuckets buckets, string key, long now, int times) =>
        Enumerable.Range(0, times).Count(_ => buckets.TryTake(key, now));

    [Fact]
    public void TryTake_TwoKeys_EachHasItsOwnBucket()
    {
        var buckets = new TokenBuckets(OneABurstOfTwo);

        Assert.Equal(2, Take(buckets, "flooder", 0, 10));
        Assert.Equal(2, Take(buckets, "calm", 0, 10));
        Assert.Equal(2, buckets.Count);
    }

    [Fact]
    public void TryTake_AfterRefusal_RefilledByElapsedTime()
    {
        var buckets = new TokenBuckets(OneABurstOfTwo);
        Take(buckets, "s", 0, 2);

        Assert.False(buckets.TryTake("s", Seconds(0.9)));
        Assert.True(buckets.TryTake("s", Seconds(1)));
        Assert.False(buckets.TryTake("s", Seconds(1)));
    }

    [Fact]
    public void Sweep_IdleLongEnoughToBeFull_DroppedAndNextTakeStartsFull()
    {
        var buckets = new TokenBuckets(OneABurstOfTwo);
        Take(buckets, "idle", 0, 2);
        Take(buckets, "busy", Seconds(1.5), 2);

        buckets.Sweep(Seconds(2));

        Assert.Equal(1, buckets.Count);
        Assert.Equal(2, Take(buckets, "idle", Seconds(2), 5));
        Assert.Equal(0, Take(buckets, "busy", Seconds(2), 5));
    }

    [Fact]
    public void TryTake_SweepIntervalPassed_SweepsWithoutBeingAsked()
    {
        var buckets = new TokenBuckets(OneABurstOfTwo, sweepInterval: TimeSpan.FromSeconds(5));
        for (var i = 0; i < 100; i++)
        {
            buckets.TryTake($"once-{i}", Seconds(1));
        }

        buckets.TryTake("late", Seconds(4));
        Assert.Equal(101, buckets.Count);
        buckets.TryTake("later", Seconds(7));
        Assert.Equal(1, buckets.Count);
    }

    [Fact]
    public void TryTake_PastTheCap_NewKeysShareOneOverflowBucketWhileKnownKeysKeepTheirs()
    {
        var buckets = new TokenBuckets(OneABurstOfTwo, maxBuckets: 2);
        Take(buckets, "a", 0, 1);
        Take(buckets, "b", 0, 1);

        Assert.True(buckets.TryTake("c", 0));
        Assert.True(buckets.TryTake("d", 0));
        Assert.False(buckets.TryTake("e", 0));
        Assert.True(buckets.TryTake("a", 0));
        Assert.Equal(2, buckets.Count);
    }

    [Fact]
    public void TryTake_PastTheCapThenSwept_NewcomerGetsItsOwnBucket()
    {
        var buckets = new TokenBuckets(OneABurstOfTwo, maxBuckets: 1, sweepInterval: TimeSpan.FromSeconds(5));
        Take(buckets, "a", 0, 1);
        Take(buckets, "b", 0, 2);

        Assert.False(buckets.TryTake("c", Seconds(0.5)));
        Assert.Equal(2, Take(buckets, "c", Seconds(6), 5));
        Assert.Equal(1, buckets.Count);
    }

    [Fact]
    public void Fold_LongKeys_BoundedAndStillDistinct()
    {
        var prefix = new string('x', 1000);

        var one = TokenBuckets.Fold(prefix + "1");
        var two = TokenBuckets.Fold(prefix + "2");

        Assert.Equal(TokenBuckets.MaxKeyLength, one.Length);
        Assert.NotEqual(one, two);
        Assert.Equal(one, TokenBuckets.Fold(prefix + "1"));
        Assert.Equal("short", TokenBuckets.Fold("short"));
    }

    [Fact]
    public void TryTake_ManyThreadsOneKey_ExactlyTheBurstGranted()
    {
        var buckets = new TokenBuckets(new TokenBucketLimits(perSecond: 1, burst: 1000));
        var granted = 0;

        Parallel.For(0, 16, _ =>
        {
            for (var i = 0; i < 1000; i++)
            {
                if (buckets.TryTake("shared", 0))
                {
                    Interlocked.Increment(ref granted);
                }
            }
        });

        Assert.Equal(1000, granted);
    }

    [Fact]
    public void TryTake_ManyThreadsWhileSweeping_NoKeyOverItsLimitAndCapHeld()
    {
        var limits = new TokenBucketLimits(perSecond: 10, burst: 5);
        var buckets = new TokenBuckets(limits, maxBuckets: 50, sweepInterval: TimeSpan.FromMilliseconds(100));
        var granted = new int[64];
        const int rounds = 2000;
        const long tick = 1000;
        long clock = 0;

        // One shared clock that every call moves on by 0.1 ms; sweeps run from the calls as it passes each 100 ms.
        Parallel.For(0, 8, t =>
        {
            for (var i = 0; i < rounds; i++)
            {
                for (var k = t * 8; k < (t + 1) * 8; k++)
                {
                    if (buckets.TryTake($"k{k}", Interlocked.Increment(ref clock) * tick))
                    {
                        Interlocked.Increment(ref granted[k]);
                    }
                }
                Assert.True(buckets.Count <= 50, $"{buckets.Count} buckets held, over the cap of 50");
            }
        });

        // Keys past the cap share the overflow bucket, so none gets more than a bucket of its own would give (plus one
        // for threads' clock reads crossing a sweep).
        var most = limits.Burst + (clock * tick * limits.PerSecond / TimeSpan.TicksPerSecond) + 1;
        Assert.All(granted, g => Assert.InRange(g, 0, most));
        Assert.True(granted.Sum() >= 50 * limits.Burst, $"only {granted.Sum()} tokens granted in all");
    }
}
