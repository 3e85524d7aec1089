namespace Streaming.Domain;

/// <summary>
/// Operations on the buckets of a <see cref="QuantileSketch"/>: the first <c>size</c> slots of an array, keys ascending
/// and distinct, each count &gt; 0.
/// </summary>
internal static class SketchBuckets
{
    /// <summary>
    /// Key of <paramref name="value"/>: 0 for |value| &lt; <see cref="QuantileSketch.MinIndexableValue"/>, else
    /// ±(bucket index − MinIndex + 1), so keys ascend with the values and never collide with 0.
    /// </summary>
    public static int KeyOf(double value, double relativeAccuracy)
    {
        var magnitude = Math.Abs(value);
        if (magnitude < QuantileSketch.MinIndexableValue)
        {
            return 0;
        }

        var key = Index(magnitude, relativeAccuracy) - Index(QuantileSketch.MinIndexableValue, relativeAccuracy) + 1;
        return value > 0 ? key : -key;
    }

    /// <summary>Position of <paramref name="key"/> among <paramref name="buckets"/>, or the complement of where it would go.</summary>
    public static int Find(ReadOnlySpan<SketchBucket> buckets, int key)
    {
        var (lo, hi) = (0, buckets.Length - 1);
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = buckets[mid].Key.CompareTo(key);
            if (c == 0)
            {
                return mid;
            }
            if (c < 0) { lo = mid + 1; } else { hi = mid - 1; }
        }
        return ~lo;
    }

    /// <summary>Inserts <paramref name="bucket"/> at <paramref name="at"/>, growing the array from one slot, then by doubling.</summary>
    public static void Insert(ref SketchBucket[] buckets, ref int size, int at, SketchBucket bucket)
    {
        EnsureCapacity(ref buckets, size, size + 1);
        Array.Copy(buckets, at, buckets, at + 1, size - at);
        buckets[at] = bucket;
        size++;
    }

    /// <summary>
    /// Adds <paramref name="other"/> into the first <paramref name="size"/> <paramref name="buckets"/>, in place (the other
    /// buckets may be the same ones). Roll-ups merge many small sketches into one large one, most often with no bucket it
    /// lacks: then this only adds counts, and otherwise it grows the array once and merges from the back.
    /// </summary>
    public static void AddInto(ref SketchBucket[] buckets, ref int size, ReadOnlySpan<SketchBucket> other)
    {
        var added = 0;
        for (int i = 0, j = 0; j < other.Length;)
        {
            if (i == size || other[j].Key < buckets[i].Key)
            {
                added++;
                j++;
            }
            else if (buckets[i].Key < other[j].Key)
            {
                i++;
            }
            else
            {
                i++;
                j++;
            }
        }
        if (added == 0)
        {
            for (int i = 0, j = 0; j < other.Length; i++)
            {
                if (buckets[i].Key == other[j].Key)
                {
                    buckets[i].Count += other[j++].Count;
                }
            }
            return;
        }

        // Grow by the new keys, then fill from the back: a slot is written only after the entry it held was read. The other
        // buckets are copied first when they are this array, which growing may replace.
        if (other.Overlaps(buckets))
        {
            other = other.ToArray();
        }
        EnsureCapacity(ref buckets, size, size + added);
        var (ownEnd, otherEnd) = (size - 1, other.Length - 1);
        size += added;
        for (var at = size - 1; otherEnd >= 0; at--)
        {
            if (ownEnd >= 0 && buckets[ownEnd].Key > other[otherEnd].Key)
            {
                buckets[at] = buckets[ownEnd--];
            }
            else if (ownEnd >= 0 && buckets[ownEnd].Key == other[otherEnd].Key)
            {
                buckets[at] = new SketchBucket(buckets[ownEnd].Key, buckets[ownEnd--].Count + other[otherEnd--].Count);
            }
            else
            {
                buckets[at] = other[otherEnd--];
            }
        }
    }

    /// <summary>
    /// Folds the lowest buckets into the lowest of the <paramref name="maxBuckets"/> highest ones. The result is
    /// the same whatever order the values arrived in: the highest keys ever seen, the lowest of them holding
    /// everything at or below it.
    /// </summary>
    public static void CollapseLowest(SketchBucket[] buckets, ref int size, int maxBuckets)
    {
        var excess = size - maxBuckets;
        if (excess <= 0)
        {
            return;
        }

        var folded = buckets[excess].Count;
        for (var i = 0; i < excess; i++)
        {
            folded += buckets[i].Count;
        }

        buckets[excess].Count = folded;
        Array.Copy(buckets, excess, buckets, 0, size - excess);
        Array.Clear(buckets, size - excess, excess);
        size -= excess;
    }

    /// <summary>Position of the bucket holding the value of 0-based <paramref name="rank"/> in sorted order.</summary>
    public static int IndexOfRank(ReadOnlySpan<SketchBucket> buckets, long rank)
    {
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i].Count;
            if (seen > rank)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(rank), rank, "Rank is beyond the counted values.");
    }

    /// <summary>
    /// The value a bucket reports, <c>±2γ^i / (γ + 1)</c> for bucket index <c>i</c>: within <c>a</c> of every
    /// magnitude in <c>(γ^(i-1), γ^i]</c>. Clamped to <see cref="double.MaxValue"/>, which only brings it closer.
    /// </summary>
    public static double Representative(int key, double relativeAccuracy)
    {
        if (key == 0)
        {
            return 0;
        }

        var gamma = Gamma(relativeAccuracy);
        var index = Math.Abs(key) + Index(QuantileSketch.MinIndexableValue, relativeAccuracy) - 1;
        var magnitude = Math.Min(Math.Exp((index * Math.Log(gamma)) + Math.Log(2 / (gamma + 1))), double.MaxValue);
        return key > 0 ? magnitude : -magnitude;
    }

    // γ is derived from the accuracy on every call rather than stored, so a deserialized sketch cannot disagree with it.
    private static double Gamma(double relativeAccuracy) => (1 + relativeAccuracy) / (1 - relativeAccuracy);

    /// <summary>Bucket index <c>ceil(ln m / ln γ)</c> of magnitude <c>m</c>: bucket <c>i</c> holds <c>(γ^(i-1), γ^i]</c>.</summary>
    private static int Index(double magnitude, double relativeAccuracy) =>
        (int)Math.Ceiling(Math.Log(magnitude) / Math.Log(Gamma(relativeAccuracy)));

    private static void EnsureCapacity(ref SketchBucket[] buckets, int size, int needed)
    {
        if (needed > buckets.Length)
        {
            var grown = new SketchBucket[Math.Max(needed, buckets.Length * 2)];
            Array.Copy(buckets, grown, size);
            buckets = grown;
        }
    }
}
