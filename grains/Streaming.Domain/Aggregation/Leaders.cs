namespace Streaming.Domain;

/// <summary>
/// The first <see cref="Count"/> items of a large collection in a given order, found in one pass that keeps only those:
/// ranking the busiest 20 of 10,000 sources allocates nothing in proportion to the 10,000, where sorting them all put
/// several arrays on the large object heap every time.
/// </summary>
/// <typeparam name="T">The items ranked.</typeparam>
public sealed class Leaders<T>
{
    private readonly List<T> _kept;
    private readonly Comparer<T> _order;

    /// <summary>Keeps at most <paramref name="count"/> items, first by <paramref name="order"/> (a total order gives one answer).</summary>
    public Leaders(int count, Comparison<T> order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(order);
        Count = count;
        _kept = new List<T>(count);
        _order = Comparer<T>.Create(order);
    }

    /// <summary>Most items kept.</summary>
    public int Count { get; }

    /// <summary>The items kept so far, first first.</summary>
    public IReadOnlyList<T> InOrder => _kept;

    /// <summary>Keeps <paramref name="item"/> if it ranks among the first <see cref="Count"/> offered so far.</summary>
    public void Offer(T item)
    {
        if (_kept.Count == Count)
        {
            if (Count == 0 || _order.Compare(item, _kept[^1]) >= 0)
            {
                return;
            }
            _kept.RemoveAt(Count - 1);
        }
        var at = _kept.BinarySearch(item, _order);
        _kept.Insert(at < 0 ? ~at : at, item);
    }
}
