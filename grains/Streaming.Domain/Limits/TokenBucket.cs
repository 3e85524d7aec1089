namespace Streaming.Domain;

/// <summary>
/// One token bucket, refilled lazily: it records what it held at <see cref="AtTicks"/>, and what has dripped in since is
/// added when it is next used (<see cref="Refill"/>), so a bucket nobody uses costs nothing. Tokens are counted in
/// <see cref="UnitsPerToken"/> units, so the refill is exact integer arithmetic (rate units per elapsed tick) and a sender
/// at exactly the rate is never refused for rounding.
/// </summary>
/// <param name="Units">What the bucket held at <paramref name="AtTicks"/>, in <see cref="UnitsPerToken"/> units.</param>
/// <param name="AtTicks">When it was last refilled, in ticks (100 ns) of a clock that does not go backwards.</param>
public readonly record struct TokenBucket(long Units, long AtTicks)
{
    /// <summary>Units in one token: a tick's worth of a one-a-second rate.</summary>
    public const long UnitsPerToken = TimeSpan.TicksPerSecond;

    /// <summary>A full bucket, as every sender starts.</summary>
    public static TokenBucket Full(TokenBucketLimits limits, long nowTicks) => new(limits.Capacity, nowTicks);

    /// <summary>Whole tokens held (as of <see cref="AtTicks"/>).</summary>
    public long Tokens => Units / UnitsPerToken;

    /// <summary>Whether the bucket holds <see cref="TokenBucketLimits.Burst"/> tokens, the state a new bucket starts in.</summary>
    public bool IsFull(TokenBucketLimits limits) => Units >= limits.Capacity;

    /// <summary>
    /// The bucket at <paramref name="nowTicks"/>: what dripped in since <see cref="AtTicks"/> added, capped at the burst.
    /// A time before <see cref="AtTicks"/> (two threads' clock reads crossing) adds nothing and never moves the bucket back.
    /// </summary>
    public TokenBucket Refill(TokenBucketLimits limits, long nowTicks)
    {
        if (nowTicks <= AtTicks)
        {
            return this;
        }
        // Capping the elapsed time first keeps the product from overflowing however long the bucket sat unused.
        var elapsed = Math.Min(nowTicks - AtTicks, limits.TicksToFill);
        return new(Math.Min(limits.Capacity, Units + (elapsed * limits.PerSecond)), nowTicks);
    }

    /// <summary>
    /// Refills to <paramref name="nowTicks"/> and takes one token if there is one. <paramref name="next"/> is the bucket
    /// afterwards either way (refilled, less the token when taken).
    /// </summary>
    public bool TryTake(TokenBucketLimits limits, long nowTicks, out TokenBucket next)
    {
        next = Refill(limits, nowTicks);
        if (next.Units < UnitsPerToken)
        {
            return false;
        }
        next = next with { Units = next.Units - UnitsPerToken };
        return true;
    }
}
