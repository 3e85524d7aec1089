using System.Collections.Concurrent;
using System.Globalization;

namespace Streaming.Domain;

/// <summary>
/// A <see cref="TokenBucket"/> per key (a sender, a source), all of one <see cref="TokenBucketLimits"/>; safe to share
/// between threads. Nothing runs per bucket on a timer, so the cost follows the traffic, not the number of keys: a
/// bucket is refilled when its key next asks, and at most once per sweep interval a <see cref="TryTake"/> call also drops
/// the buckets that have sat unused long enough to be full, the state a new bucket starts in, so no sender can tell.
/// <para>
/// Keys come from untrusted senders, so memory is bounded: at most <see cref="MaxBuckets"/> buckets, and a key longer
/// than <see cref="MaxKeyLength"/> is kept as its start plus a hash. Past the cap, keys without a bucket share one
/// overflow bucket of the same limits until a sweep makes room: a flood of made-up keys holds back the newcomers
/// together (they are refused, not let through), while the senders that already have a bucket are unaffected.
/// </para>
/// </summary>
public sealed class TokenBuckets
{
    /// <summary>Longest key kept as it is; longer ones are folded to a prefix and a hash of the whole.</summary>
    public const int MaxKeyLength = 128;

    /// <summary>Default for <see cref="MaxBuckets"/>: 100,000 buckets, a few MiB.</summary>
    public const int DefaultMaxBuckets = 100_000;

    /// <summary>Default time between sweeps: 5 seconds.</summary>
    public static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly Slot _overflow;
    private readonly long _sweepTicks;
    private int _count;
    private long _nextSweep = long.MinValue;

    /// <summary>Buckets of <paramref name="limits"/>, at most <paramref name="maxBuckets"/>, swept every <paramref name="sweepInterval"/> (default 5 s).</summary>
    public TokenBuckets(TokenBucketLimits limits, int maxBuckets = DefaultMaxBuckets, TimeSpan? sweepInterval = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 1);
        Limits = limits;
        MaxBuckets = maxBuckets;
        _sweepTicks = Math.Max(1, (sweepInterval ?? DefaultSweepInterval).Ticks);
        _overflow = new Slot(TokenBucket.Full(limits, 0));
    }

    /// <summary>The limits of every bucket.</summary>
    public TokenBucketLimits Limits { get; }

    /// <summary>Most buckets kept (not counting the shared overflow bucket).</summary>
    public int MaxBuckets { get; }

    /// <summary>Buckets held now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Takes one token from <paramref name="key"/>'s bucket; false when it is empty. <paramref name="nowTicks"/> is the
    /// time in ticks (100 ns) of a clock that does not go backwards, such as the elapsed time since a fixed start.
    /// </summary>
    public bool TryTake(string key, long nowTicks)
    {
        ArgumentNullException.ThrowIfNull(key);
        SweepIfDue(nowTicks);
        key = Fold(key);
        while (true)
        {
            var slot = Find(key, nowTicks);
            lock (slot)
            {
                if (slot.Dropped)
                {
                    // Swept between the lookup and the lock: look again (a fresh, full bucket, just as the dropped one was).
                    continue;
                }
                var taken = slot.Bucket.TryTake(Limits, nowTicks, out var next);
                slot.Bucket = next;
                return taken;
            }
        }
    }

    /// <summary>Drops every bucket that is full at <paramref name="nowTicks"/>; <see cref="TryTake"/> runs this once per sweep interval.</summary>
    public void Sweep(long nowTicks)
    {
        // Enumerating a ConcurrentDictionary takes no lock and tolerates changes; each bucket is checked under its own lock
        // and removed there, so a caller that already holds it sees Dropped and looks again instead of spending a lost token.
        foreach (var (key, slot) in _slots)
        {
            lock (slot)
            {
                if (!slot.Bucket.Refill(Limits, nowTicks).IsFull(Limits))
                {
                    continue;
                }
                slot.Dropped = true;
                if (_slots.TryRemove(new KeyValuePair<string, Slot>(key, slot)))
                {
                    Interlocked.Decrement(ref _count);
                }
            }
        }
    }

    /// <summary><paramref name="key"/> as stored: itself up to <see cref="MaxKeyLength"/>, else its start and a hash of all of it.</summary>
    public static string Fold(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length <= MaxKeyLength)
        {
            return key;
        }
        // Two long keys share a bucket only if their starts match and their 64 bits of hash collide.
        var hash = ((ulong)(uint)string.GetHashCode(key.AsSpan()) << 32) | (uint)string.GetHashCode(key.AsSpan(MaxKeyLength / 2));
        return string.Concat(key.AsSpan(0, MaxKeyLength - 17), "#", hash.ToString("x16", CultureInfo.InvariantCulture));
    }

    private void SweepIfDue(long nowTicks)
    {
        var due = Volatile.Read(ref _nextSweep);
        // Also sweep when the clock reads more than an interval before the due time (a restarted clock), rather than wait for it.
        if (nowTicks < due && due - nowTicks <= _sweepTicks)
        {
            return;
        }
        // Only the caller that moves the due time sweeps; the others go on with their own request.
        if (Interlocked.CompareExchange(ref _nextSweep, nowTicks + _sweepTicks, due) == due)
        {
            Sweep(nowTicks);
        }
    }

    private Slot Find(string key, long nowTicks)
    {
        while (true)
        {
            if (_slots.TryGetValue(key, out var slot))
            {
                return slot;
            }
            if (!TryReservePlace())
            {
                return _overflow;
            }
            var fresh = new Slot(TokenBucket.Full(Limits, nowTicks));
            if (_slots.TryAdd(key, fresh))
            {
                return fresh;
            }
            // Another thread added this key first: give the place back and use theirs.
            Interlocked.Decrement(ref _count);
        }
    }

    // Reserves a place before adding, so concurrent newcomers can never take the count past the cap, not even for a moment.
    private bool TryReservePlace()
    {
        var count = Volatile.Read(ref _count);
        while (count < MaxBuckets)
        {
            var seen = Interlocked.CompareExchange(ref _count, count + 1, count);
            if (seen == count)
            {
                return true;
            }
            count = seen;
        }
        return false;
    }

    private sealed class Slot(TokenBucket bucket)
    {
        public TokenBucket Bucket { get; set; } = bucket;

        public bool Dropped { get; set; }
    }
}
