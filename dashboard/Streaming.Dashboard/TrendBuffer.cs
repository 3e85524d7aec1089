using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>
/// Coalesces the silos' digests between two pushes: per window (owner, series, size, start) only the newest revision
/// is kept, and clean events are only counted, so its size is bounded by the windows that changed, not by the events.
/// Windows of owners nobody watches are not kept, except areas' (the areas table needs them).
/// </summary>
public sealed class TrendBuffer(TrendGroups groups)
{
    private readonly Lock _lock = new();
    private Dictionary<WindowSlot, PendingWindow> _windows = [];
    private Dictionary<string, long> _kinds = new(StringComparer.Ordinal);
    private long _sequence;
    private TaskCompletionSource _news = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Keeps the windows of one owner that someone may want, replacing older revisions of the same window.</summary>
    public void AddWindows(string owner, IReadOnlyList<WindowResult> windows, bool polled = false)
    {
        var group = TrendGroups.ForOwner(owner);
        if (!groups.IsWatched(group) && !group.StartsWith("area:", StringComparison.Ordinal))
        {
            return;
        }
        lock (_lock)
        {
            foreach (var w in windows)
            {
                var slot = new WindowSlot(owner, w.Series, w.Size, w.Start.UtcTicks);
                // A window still filling up keeps its revision while its values change; a provisional one never replaces a final one.
                if (!_windows.TryGetValue(slot, out var kept) || (kept.Window.Revision <= w.Revision && !(kept.Window.Final && !w.Final)))
                {
                    _windows[slot] = new PendingWindow(owner, w, ++_sequence, polled);
                }
            }
        }
    }

    /// <summary>Adds clean events by kind (a silo's digest).</summary>
    public void CountKinds(IReadOnlyDictionary<string, long> counts)
    {
        lock (_lock)
        {
            foreach (var (kind, n) in counts)
            {
                _kinds[kind] = _kinds.GetValueOrDefault(kind) + n;
            }
        }
    }

    /// <summary>Says a digest has arrived since the last <see cref="Drain"/>, so a push has something to send.</summary>
    public void Arrived()
    {
        lock (_lock)
        {
            _news.TrySetResult();
        }
    }

    /// <summary>Completes once something has <see cref="Arrived"/> since the last <see cref="Drain"/> (at once if it has).</summary>
    public Task NextArrival
    {
        get
        {
            lock (_lock)
            {
                return _news.Task;
            }
        }
    }

    /// <summary>Takes everything kept since the previous call.</summary>
    public TrendBatch Drain()
    {
        lock (_lock)
        {
            if (_news.Task.IsCompleted)
            {
                _news = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            var batch = new TrendBatch(_windows.Values, _kinds);
            _windows = [];
            _kinds = new(StringComparer.Ordinal);
            return batch;
        }
    }

    /// <summary>An event kind as the page names it.</summary>
    public static string KindName(EventKind kind) => kind switch
    {
        EventKind.Sensor => "sensor",
        EventKind.Social => "social",
        EventKind.Media => "media",
        EventKind.Record => "record",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
