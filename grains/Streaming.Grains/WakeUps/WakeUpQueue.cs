namespace Streaming.Grains;

/// <summary>
/// When each key is due, taken in order of due time; registering a key again replaces its due time, as an Orleans
/// reminder registered again does. Not thread-safe. A replaced entry stays in the order until its time comes and is then
/// skipped, so a key costs one dictionary entry plus one order entry per distinct due time still ahead.
/// </summary>
public sealed class WakeUpQueue<TKey> where TKey : notnull
{
    private readonly PriorityQueue<TKey, long> _order = new();
    private readonly Dictionary<TKey, long> _due = [];

    /// <summary>How many keys are waiting.</summary>
    public int Count => _due.Count;

    /// <summary>When <paramref name="key"/> is due, if it is waiting.</summary>
    public long? DueTicks(TKey key) => _due.TryGetValue(key, out var due) ? due : null;

    /// <summary>Makes <paramref name="key"/> due at <paramref name="dueTicks"/>, whatever it was due at before.</summary>
    public void Set(TKey key, long dueTicks)
    {
        if (_due.TryGetValue(key, out var current) && current == dueTicks)
        {
            return; // the usual case: an entity collected again before the same hour's end
        }
        _due[key] = dueTicks;
        _order.Enqueue(key, dueTicks);
    }

    /// <summary>Removes and returns up to <paramref name="max"/> keys due at or before <paramref name="nowTicks"/>, earliest first.</summary>
    public List<TKey> TakeDue(long nowTicks, int max)
    {
        var taken = new List<TKey>();
        while (taken.Count < max && _order.TryPeek(out var key, out var due) && due <= nowTicks)
        {
            _order.Dequeue();
            if (_due.TryGetValue(key, out var current) && current == due)
            {
                _due.Remove(key);
                taken.Add(key);
            }
        }
        return taken;
    }
}
