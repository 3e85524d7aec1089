namespace Streaming.Ingress;

/// <summary>
/// The pure half of seeking a partition by time: the first position in [low, high) whose timestamp is at or after a time,
/// over a sequence that never goes back in time, found with O(log n) calls of a probe. The Kafka half
/// (<see cref="KafkaTimeSeeker"/>) supplies the probe (one message read by offset). When the sequence is not ordered
/// (producers whose timestamps go backwards) the answer is still a position where the timestamp crosses the time, but
/// not necessarily the first.
/// </summary>
public static class TimestampSearch
{
    /// <summary>
    /// The smallest index in [<paramref name="low"/>, <paramref name="high"/>) with <c>timestampAt(index) &gt;= time</c>,
    /// or <paramref name="high"/> when there is none (an empty range, or everything older).
    /// </summary>
    /// <param name="low">The first index (a partition's low watermark).</param>
    /// <param name="high">One past the last index (its high watermark).</param>
    /// <param name="time">The time sought.</param>
    /// <param name="timestampAt">The timestamp at an index; called only with indexes in the range, at most about log2(n) + 1 times.</param>
    public static long FirstAtOrAfter(long low, long high, DateTimeOffset time, Func<long, DateTimeOffset> timestampAt)
    {
        ArgumentNullException.ThrowIfNull(timestampAt);
        // Invariant: everything before lo is older than time; everything from hi on is at or after it (or past the end).
        long lo = low, hi = Math.Max(low, high);
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (timestampAt(mid) >= time)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
