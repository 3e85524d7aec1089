namespace Streaming.Domain;

/// <summary>
/// DDSketch-style mergeable quantile sketch: <see cref="Quantile"/> is within <see cref="RelativeAccuracy"/>
/// (relative error) of the exact nearest-rank quantile, for any sign, unless buckets were collapsed (see below).
/// </summary>
/// <remarks>
/// Value <c>v</c> goes to bucket <c>i = ceil(ln|v| / ln γ)</c>, <c>γ = (1 + a) / (1 - a)</c>, on its sign's side
/// (|v| below <see cref="MinIndexableValue"/> counts as zero); a bucket reports <c>±2γ^i / (γ + 1)</c>, within
/// <c>a</c> of every value in it. Negative, zero and positive buckets share one ordered key line, kept as sorted
/// non-empty keys: the state is deterministic and merging is exact bucket addition, the same as adding every
/// value to one sketch. Past <c>maxBuckets</c> non-empty buckets the lowest are folded into the lowest kept
/// one: only the lowest quantiles lose accuracy, <see cref="Count"/> and the upper quantiles keep the bound,
/// and the state still does not depend on order. With the defaults that takes more than 2048 distinct buckets,
/// e.g. positive values spanning a ratio of about 10^17.
/// </remarks>
[GenerateSerializer, SuppressReferenceTracking, Alias("streaming.quantile-sketch.v1")]
public sealed class QuantileSketch
{
    /// <summary>Default relative accuracy: 1 %.</summary>
    public const double DefaultRelativeAccuracy = 0.01;

    /// <summary>Default bucket budget; at 1 % accuracy, 2048 buckets span a ratio of about 10^17.</summary>
    public const int DefaultMaxBuckets = 2048;

    /// <summary>Magnitudes below this count as zero; it keeps bucket indices small and representatives finite.</summary>
    public const double MinIndexableValue = 1e-300;

    /// <summary>Smallest accepted relative accuracy; finer ones would overflow the 32-bit bucket keys.</summary>
    public const double MinRelativeAccuracy = 1e-6;

    [Id(0)] private readonly double _relativeAccuracy;
    [Id(1)] private readonly int _maxBuckets;
    [Id(2)] private long _count;
    // Non-empty buckets, keys ascending (see SketchBuckets.KeyOf), each count > 0, in the first _size slots of one array:
    // compact and order-independent. One array rather than two lists: most windows of an entity hold one bucket.
    [NonSerialized] private SketchBucket[] _buckets = [];
    [NonSerialized] private int _size;

    // Stored as one packed field (see SketchBucketList). Sketches written before it hold the keys and the counts as lists
    // in fields 3 and 4, read in that order: read them, write nothing there.
    [Id(5)]
    internal SketchBucketList Buckets
    {
        get => new(_buckets, _size);
        set => (_buckets, _size) = (value.Buckets, value.Count);
    }

    [Id(3)]
    internal List<int>? StoredKeys
    {
        get => null;
        set
        {
            if (value is not null)
            {
                (_buckets, _size) = ([.. value.Select(key => new SketchBucket(key, 0))], value.Count);
            }
        }
    }

    [Id(4)]
    internal List<long>? StoredCounts
    {
        get => null;
        set
        {
            for (var i = 0; i < Math.Min(_size, value?.Count ?? 0); i++)
            {
                _buckets[i].Count = value![i];
            }
        }
    }

    /// <summary>An empty sketch with <see cref="DefaultRelativeAccuracy"/> and <see cref="DefaultMaxBuckets"/>.</summary>
    public QuantileSketch() : this(DefaultRelativeAccuracy) { }

    /// <summary>An empty sketch.</summary>
    /// <param name="relativeAccuracy">Relative error bound, in [<see cref="MinRelativeAccuracy"/>, 1).</param>
    /// <param name="maxBuckets">Most non-empty buckets kept before the lowest are collapsed; at least 1.</param>
    public QuantileSketch(double relativeAccuracy, int maxBuckets = DefaultMaxBuckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(relativeAccuracy, MinRelativeAccuracy);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(relativeAccuracy, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 1);
        _relativeAccuracy = relativeAccuracy;
        _maxBuckets = maxBuckets;
    }

    /// <summary>Relative error bound of <see cref="Quantile"/>, as a fraction (0.01 = 1 %).</summary>
    public double RelativeAccuracy => _relativeAccuracy;

    /// <summary>Most non-empty buckets kept before the lowest are collapsed.</summary>
    public int MaxBuckets => _maxBuckets;

    /// <summary>Number of values added, including those of merged sketches.</summary>
    public long Count => _count;

    /// <summary>Adds one finite value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite values can be added.");
        }

        var key = SketchBuckets.KeyOf(value, _relativeAccuracy);
        var at = SketchBuckets.Find(_buckets.AsSpan(0, _size), key);
        if (at >= 0)
        {
            _buckets[at].Count++;
        }
        else
        {
            SketchBuckets.Insert(ref _buckets, ref _size, ~at, new SketchBucket(key, 1));
            SketchBuckets.CollapseLowest(_buckets, ref _size, _maxBuckets);
        }

        _count++;
    }

    /// <summary>
    /// Adds every value counted by <paramref name="other"/>, bucket by bucket; <paramref name="other"/> is unchanged.
    /// This sketch's <see cref="MaxBuckets"/> applies to the result.
    /// </summary>
    /// <exception cref="ArgumentException">The relative accuracies differ.</exception>
    public void Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._relativeAccuracy != _relativeAccuracy)
        {
            throw new ArgumentException($"Relative accuracy {other._relativeAccuracy} differs from {_relativeAccuracy}.", nameof(other));
        }

        SketchBuckets.AddInto(ref _buckets, ref _size, other._buckets.AsSpan(0, other._size));
        _count += other._count;
        SketchBuckets.CollapseLowest(_buckets, ref _size, _maxBuckets);
    }

    /// <summary>
    /// The nearest-rank quantile: the value at 0-based rank <c>max(0, ceil(q * Count) - 1)</c> of the sorted inputs, within
    /// <see cref="RelativeAccuracy"/>; NaN when empty. (So p95 of 10, 14 and 30 is about 30, as people read a p95.)
    /// </summary>
    /// <param name="q">Quantile in [0, 1]; 0.5 is the (lower) median.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside [0, 1].</exception>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "Must be in [0, 1].");
        }

        if (_count == 0)
        {
            return double.NaN;
        }

        var at = SketchBuckets.IndexOfRank(_buckets.AsSpan(0, _size), rank: Math.Max(0, (long)Math.Ceiling(q * _count) - 1));
        return SketchBuckets.Representative(_buckets[at].Key, _relativeAccuracy);
    }

    /// <summary>A deep copy.</summary>
    public QuantileSketch Clone() =>
        new(_relativeAccuracy, _maxBuckets) { _count = _count, _buckets = _buckets[.._size], _size = _size };

    /// <summary>True when both sketches hold bit-identical state; for determinism tests.</summary>
    internal bool HasSameState(QuantileSketch other) =>
        _relativeAccuracy.Equals(other._relativeAccuracy) && _maxBuckets == other._maxBuckets && _count == other._count
        && _buckets.AsSpan(0, _size).SequenceEqual(other._buckets.AsSpan(0, other._size));
}
