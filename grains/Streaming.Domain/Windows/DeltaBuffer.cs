namespace Streaming.Domain;

/// <summary>
/// Collects, per window, what a batch of events (or of child deltas) added, to hand to the roll-up as
/// <see cref="WindowDelta"/>s. Owns its accumulators: what it is given is never mutated.
/// </summary>
[GenerateSerializer, Alias("streaming.delta-buffer.v1")]
public sealed class DeltaBuffer
{
    [Id(0)] private readonly Dictionary<DeltaKey, WindowDelta> _windows = [];

    /// <summary>Whether nothing was added.</summary>
    public bool IsEmpty => _windows.Count == 0;

    /// <summary>Adds one value (and the terms its event carried, if any) to the delta of one window.</summary>
    public void Add(WindowKey key, long start, double value, long eventTicks, IReadOnlyList<string>? terms = null)
    {
        var accumulator = WindowAggregator.Add(Slot(key, start, eventTicks).Accumulator, value);
        if (terms is not null)
        {
            WindowAggregator.AddTerms(accumulator, terms);
        }
    }

    /// <summary>Merges a delta into the one for the same window.</summary>
    public void Merge(WindowDelta delta) =>
        WindowAggregator.Merge(Slot(delta.Key, delta.StartTicks, delta.MaxEventTicks).Accumulator, delta.Accumulator);

    /// <summary>The deltas collected, in a stable order (by series, size, start), and empties the buffer.</summary>
    public WindowDelta[] Drain()
    {
        if (_windows.Count == 0)
        {
            return [];
        }
        var deltas = new WindowDelta[_windows.Count];
        _windows.Values.CopyTo(deltas, 0);
        _windows.Clear();
        Array.Sort(deltas, InStableOrder);
        return deltas;
    }

    // Series, size and start make a window's key, so no two deltas compare equal.
    private static int InStableOrder(WindowDelta a, WindowDelta b)
    {
        // As ints: an enum's CompareTo takes an object, and would box both kinds on every comparison.
        var by = ((int)a.Key.Series.Kind).CompareTo((int)b.Key.Series.Kind);
        by = by != 0 ? by : string.CompareOrdinal(a.Key.Series.Metric, b.Key.Series.Metric);
        by = by != 0 ? by : a.Key.SizeTicks.CompareTo(b.Key.SizeTicks);
        return by != 0 ? by : a.StartTicks.CompareTo(b.StartTicks);
    }

    private WindowDelta Slot(WindowKey key, long start, long eventTicks)
    {
        var at = new DeltaKey(key, start);
        if (!_windows.TryGetValue(at, out var delta))
        {
            _windows[at] = delta = new WindowDelta(key, start, WindowAggregator.Create(), eventTicks);
        }
        else if (eventTicks > delta.MaxEventTicks)
        {
            _windows[at] = delta = delta with { MaxEventTicks = eventTicks };
        }
        return delta;
    }
}
