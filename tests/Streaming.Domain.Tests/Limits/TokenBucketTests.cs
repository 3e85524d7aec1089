using CsCheck;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class TokenBucketTests
{
    private static readonly TokenBucketLimits TenABurstOfThree = new(perSecond: 10, burst: 3);

    private static long Seconds(double s) => TimeSpan.FromSeconds(s).Ticks;

    [Fact]
    public void TryTake_NewBucket_BurstThenRefused()
    {
        var bucket = TokenBucket.Full(TenABurstOfThree, 0);
        var taken = 0;
        while (bucket.TryTake(TenABurstOfThree, 0, out bucket))
        {
            taken++;
        }

        Assert.Equal(3, taken);
        Assert.Equal(0, bucket.Tokens);
    }

    [Fact]
    public void Refill_TwoTenthsOfASecond_AddsTwoTokens()
    {
        var empty = new TokenBucket(0, Seconds(1));

        var later = empty.Refill(TenABurstOfThree, Seconds(1.2));

        Assert.Equal((2L, Seconds(1.2)), (later.Tokens, later.AtTicks));
    }

    [Fact]
    public void Refill_LongIdle_CappedAtBurstAndFull()
    {
        var empty = new TokenBucket(0, 0);

        var later = empty.Refill(TenABurstOfThree, Seconds(86_400 * 365.0 * 1000));

        Assert.Equal(3, later.Tokens);
        Assert.True(later.IsFull(TenABurstOfThree));
    }

    [Fact]
    public void Refill_JustUnderTimeToFill_NotFullButAtTimeToFillFull()
    {
        var empty = new TokenBucket(0, 0);

        Assert.False(empty.Refill(TenABurstOfThree, TenABurstOfThree.TicksToFill - 1).IsFull(TenABurstOfThree));
        Assert.True(empty.Refill(TenABurstOfThree, TenABurstOfThree.TicksToFill).IsFull(TenABurstOfThree));
        Assert.Equal(Seconds(0.3), TenABurstOfThree.TicksToFill);
    }

    [Fact]
    public void Refill_TimeBeforeLastUse_AddsNothingAndKeepsTime()
    {
        var bucket = new TokenBucket(5, Seconds(2));

        Assert.Equal(bucket, bucket.Refill(TenABurstOfThree, Seconds(1)));
    }

    [Fact]
    public void Refill_RateNotDividingASecond_FractionsAddUpExactly()
    {
        var three = new TokenBucketLimits(perSecond: 3, burst: 1);
        var bucket = new TokenBucket(0, 0);

        // A third of a second is 3,333,333.33 ticks: one tick short of it holds no whole token, and the next tick completes it.
        Assert.Equal(0, bucket.Refill(three, 3_333_333).Tokens);
        Assert.Equal(1, bucket.Refill(three, 3_333_333).Refill(three, 3_333_334).Tokens);
    }

    [Fact]
    public void TryTake_SenderAtExactlyTheRate_NeverRefused()
    {
        var limits = new TokenBucketLimits(perSecond: 100, burst: 1);
        var bucket = TokenBucket.Full(limits, 0);

        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(bucket.TryTake(limits, i * Seconds(0.01), out bucket), $"request {i} at 100/s was refused");
        }
        Assert.False(bucket.TryTake(limits, 9_999 * Seconds(0.01), out _));
    }

    [Fact]
    public void TryTake_AnyTraffic_NeverMoreThanBurstPlusRateTimesElapsed()
    {
        Gen.Select(Gen.Int[1, 1000], Gen.Int[1, 50], Gen.Long[0, Seconds(0.5)].Array[1, 300]).Sample((rate, burst, gaps) =>
        {
            var limits = new TokenBucketLimits(rate, burst);
            var bucket = TokenBucket.Full(limits, 0);
            long now = 0, taken = 0;
            foreach (var gap in gaps)
            {
                now += gap;
                taken += bucket.TryTake(limits, now, out bucket) ? 1 : 0;
            }
            return taken <= burst + (now * rate / TimeSpan.TicksPerSecond);
        }, iter: 2_000);
    }
}
