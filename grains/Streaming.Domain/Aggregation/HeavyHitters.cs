namespace Streaming.Domain;

/// <summary>
/// Mergeable Misra-Gries heavy-hitters sketch for top-k terms (trending hashtags), in Flink's four-method shape:
/// <see cref="Create"/>, <see cref="Add"/>, <see cref="Merge"/>, and <see cref="Top"/> as the result.
/// </summary>
/// <remarks>
/// At most <see cref="Capacity"/> (k) counters are kept. When a new term would make k + 1, or a merge leaves more
/// than k, the (k+1)-th largest counter is subtracted from every counter and those left at or below zero are dropped
/// (Agarwal et al., "Mergeable summaries", 2012; with k + 1 unit counters this is the classic decrement-all). Every
/// such step removes at least k + 1 times what it subtracts, so for a stream of <see cref="Total"/> = N items, of which
/// the counters hold N̂, each estimate f^ of a term's true count f satisfies
/// <c>f − (N − N̂)/(k+1) ≤ f^ ≤ f</c>, hence <c>f − N/(k+1) ≤ f^ ≤ f</c>, and every term with <c>f &gt; N/(k+1)</c> is kept.
/// The bound survives any tree of merges. The state is deterministic: the same calls in the same order give the
/// same state bit for bit (counters are kept sorted by ordinal term, never in hash order), and <see cref="Top"/>
/// breaks ties by ordinal term. Unlike a count, the state depends on arrival order; the bound does not.
/// </remarks>
[GenerateSerializer, Alias("streaming.heavy-hitters.v1")]
public sealed class HeavyHitters
{
    /// <summary>Default number of counters: 64 terms, each count within N/65.</summary>
    public const int DefaultCapacity = 64;

    [Id(0)] private readonly int _capacity;
    [Id(1)] private long _total;
    // Parallel lists, terms in ascending ordinal order, each count > 0.
    [Id(2)] private List<string> _terms = [];
    [Id(3)] private List<long> _counts = [];

    /// <summary>An empty sketch with <see cref="DefaultCapacity"/> counters.</summary>
    public HeavyHitters() : this(DefaultCapacity) { }

    /// <summary>An empty sketch.</summary>
    /// <param name="capacity">Number of counters k, at least 1: estimates are within N/(k+1).</param>
    public HeavyHitters(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Number of counters k.</summary>
    public int Capacity => _capacity;

    /// <summary>N: the sum of every count added, including those of merged sketches.</summary>
    public long Total => _total;

    /// <summary>How far any true count may exceed its estimate: <c>floor((N − N̂) / (k+1))</c>, at most N/(k+1).</summary>
    public long MaxError => (_total - _counts.Sum()) / (_capacity + 1);

    /// <summary>An empty sketch (Flink's <c>createAccumulator</c>).</summary>
    public static HeavyHitters Create(int capacity = DefaultCapacity) => new(capacity);

    /// <summary>Counts <paramref name="term"/> <paramref name="count"/> more times and returns this sketch.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="OverflowException"><see cref="Total"/> would pass <see cref="long.MaxValue"/>.</exception>
    public HeavyHitters Add(string term, long count = 1)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return this;
        }

        _total = checked(_total + count);
        var at = _terms.BinarySearch(term, StringComparer.Ordinal);
        if (at >= 0)
        {
            _counts[at] += count;
            return this;
        }

        _terms.Insert(~at, term);
        _counts.Insert(~at, count);
        Shrink();
        return this;
    }

    /// <summary>
    /// Adds <paramref name="other"/>'s counters to this sketch's, then shrinks back to k counters, and returns this
    /// sketch; <paramref name="other"/> is unchanged. The bound holds for the combined stream.
    /// </summary>
    /// <exception cref="ArgumentException">The capacities differ.</exception>
    public HeavyHitters Merge(HeavyHitters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._capacity != _capacity)
        {
            throw new ArgumentException($"Capacity {other._capacity} differs from {_capacity}.", nameof(other));
        }

        var total = checked(_total + other._total);
        var terms = new List<string>(_terms.Count + other._terms.Count);
        var counts = new List<long>(terms.Capacity);
        int i = 0, j = 0;
        while (i < _terms.Count || j < other._terms.Count)
        {
            var order = i == _terms.Count ? 1 : j == other._terms.Count ? -1 : string.CompareOrdinal(_terms[i], other._terms[j]);
            terms.Add(order <= 0 ? _terms[i] : other._terms[j]);
            counts.Add((order <= 0 ? _counts[i++] : 0) + (order >= 0 ? other._counts[j++] : 0));
        }

        (_total, _terms, _counts) = (total, terms, counts);
        Shrink();
        return this;
    }

    /// <summary>The estimate for one term (0 when it is not kept), with the sketch's <see cref="MaxError"/>.</summary>
    public TermCount Estimate(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var at = _terms.BinarySearch(term, StringComparer.Ordinal);
        return new TermCount(term, at >= 0 ? _counts[at] : 0, MaxError);
    }

    /// <summary>The <paramref name="n"/> kept terms with the highest estimates, highest first, ties in ordinal term order.</summary>
    public IReadOnlyList<TermCount> Top(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var error = MaxError;
        // The terms are in ordinal order already and OrderByDescending is stable, so equal counts stay in term order.
        return [.. Enumerable.Range(0, _terms.Count).OrderByDescending(i => _counts[i]).Take(n).Select(i => new TermCount(_terms[i], _counts[i], error))];
    }

    /// <summary>A deep copy.</summary>
    public HeavyHitters Clone() => new(_capacity) { _total = _total, _terms = [.. _terms], _counts = [.. _counts] };

    /// <summary>True when both sketches hold identical state; for determinism tests.</summary>
    internal bool HasSameState(HeavyHitters other) =>
        _capacity == other._capacity && _total == other._total && _terms.SequenceEqual(other._terms, StringComparer.Ordinal)
        && _counts.SequenceEqual(other._counts);

    // Over k counters: subtract the (k+1)-th largest from all and keep only those still positive.
    private void Shrink()
    {
        if (_terms.Count <= _capacity)
        {
            return;
        }

        var sorted = _counts.ToArray();
        Array.Sort(sorted);
        var cut = sorted[^(_capacity + 1)];
        var terms = new List<string>(_capacity);
        var counts = new List<long>(_capacity);
        for (var i = 0; i < _terms.Count; i++)
        {
            if (_counts[i] > cut)
            {
                terms.Add(_terms[i]);
                counts.Add(_counts[i] - cut);
            }
        }

        (_terms, _counts) = (terms, counts);
    }
}
