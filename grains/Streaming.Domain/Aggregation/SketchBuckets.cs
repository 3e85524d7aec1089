using System.Runtime.InteropServices;

namespace Streaming.Domain;

/// <summary>
/// Operations on the sorted bucket lists of a <see cref="QuantileSketch"/>: parallel <c>keys</c> (ascending,
/// distinct) and <c>counts</c> (each &gt; 0).
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

    /// <summary>
    /// Adds the other bucket lists into <paramref name="keys"/> and <paramref name="counts"/>, in place (the other lists
    /// may be the same ones). Roll-ups merge many small sketches into one large one, most often with no bucket it lacks:
    /// then this only adds counts, and otherwise it grows the lists once and merges from the back, allocating nothing else.
    /// </summary>
    public static void AddInto(List<int> keys, List<long> counts, List<int> otherKeys, List<long> otherCounts)
    {
        var added = 0;
        for (int i = 0, j = 0; j < otherKeys.Count;)
        {
            if (i == keys.Count || otherKeys[j] < keys[i])
            {
                added++;
                j++;
            }
            else if (keys[i] < otherKeys[j])
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
            for (int i = 0, j = 0; j < otherKeys.Count; i++)
            {
                if (keys[i] == otherKeys[j])
                {
                    counts[i] += otherCounts[j++];
                }
            }
            return;
        }

        // Grow by the new keys, then fill from the back: a slot is written only after the entry it held was read.
        var (ownEnd, otherEnd) = (keys.Count - 1, otherKeys.Count - 1);
        CollectionsMarshal.SetCount(keys, keys.Count + added);
        CollectionsMarshal.SetCount(counts, counts.Count + added);
        for (var at = keys.Count - 1; otherEnd >= 0; at--)
        {
            if (ownEnd >= 0 && keys[ownEnd] > otherKeys[otherEnd])
            {
                (keys[at], counts[at]) = (keys[ownEnd], counts[ownEnd--]);
            }
            else if (ownEnd >= 0 && keys[ownEnd] == otherKeys[otherEnd])
            {
                (keys[at], counts[at]) = (keys[ownEnd], counts[ownEnd--] + otherCounts[otherEnd--]);
            }
            else
            {
                (keys[at], counts[at]) = (otherKeys[otherEnd], otherCounts[otherEnd--]);
            }
        }
    }

    /// <summary>
    /// Folds the lowest buckets into the lowest of the <paramref name="maxBuckets"/> highest ones. The result is
    /// the same whatever order the values arrived in: the highest keys ever seen, the lowest of them holding
    /// everything at or below it.
    /// </summary>
    public static void CollapseLowest(List<int> keys, List<long> counts, int maxBuckets)
    {
        var excess = keys.Count - maxBuckets;
        if (excess <= 0)
        {
            return;
        }

        var folded = counts[excess];
        for (var i = 0; i < excess; i++)
        {
            folded += counts[i];
        }

        counts[excess] = folded;
        keys.RemoveRange(0, excess);
        counts.RemoveRange(0, excess);
    }

    /// <summary>Position of the bucket holding the value of 0-based <paramref name="rank"/> in sorted order.</summary>
    public static int IndexOfRank(List<long> counts, long rank)
    {
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            seen += counts[i];
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
}
