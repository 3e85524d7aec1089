namespace Streaming.Domain;

/// <summary>The shape of a token bucket: <see cref="PerSecond"/> tokens drip in a second, up to <see cref="Burst"/> held.</summary>
public sealed record TokenBucketLimits
{
    /// <summary>A bucket refilled at <paramref name="perSecond"/> tokens a second that holds at most <paramref name="burst"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Either is below 1.</exception>
    public TokenBucketLimits(int perSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        PerSecond = perSecond;
        Burst = burst;
        Capacity = burst * TokenBucket.UnitsPerToken;
        TicksToFill = (Capacity + perSecond - 1) / perSecond;
    }

    /// <summary>Tokens added a second: the sustained rate.</summary>
    public int PerSecond { get; }

    /// <summary>Most tokens a bucket holds: what a sender that has been quiet may spend at once. A new bucket starts full.</summary>
    public int Burst { get; }

    /// <summary><see cref="Burst"/> in <see cref="TokenBucket.UnitsPerToken"/> units.</summary>
    public long Capacity { get; }

    /// <summary>Ticks (100 ns) an empty bucket takes to fill: after this long unused, any bucket is full again.</summary>
    public long TicksToFill { get; }
}
