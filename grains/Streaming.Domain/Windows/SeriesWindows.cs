namespace Streaming.Domain;

/// <summary>The windows of one series at one size: the open ones, and the newest final ones (oldest first).</summary>
[GenerateSerializer, SuppressReferenceTracking, Alias("streaming.series-windows.v1")]
public sealed class SeriesWindows
{
    // An entity holds one of these per series and window size, most with one open window and no final one yet: the open
    // ones are an array of exactly their number (a list and its spare slots weighed more than the window), and the final
    // ones a list made at the first.
    [NonSerialized] private OpenWindow[] _open = [];
    [NonSerialized] private List<ClosedWindow>? _closed;

    /// <summary>Open windows in start order: one or two most of the time.</summary>
    public IReadOnlyList<OpenWindow> Open => _open;

    /// <summary>The open windows as stored.</summary>
    [Id(5)]
    internal OpenWindow[] OpenWindows
    {
        get => _open;
        set => _open = value ?? [];
    }

    /// <summary>Open windows as states written before the array stored them; only ever set by reading one.</summary>
    [Id(2)]
    internal List<OpenWindow>? OpenList
    {
        get => null;
        set => Reopen(value ?? []);
    }

    /// <summary>Open windows as states written before the list stored them; only ever set by reading one.</summary>
    [Id(0)]
    public SortedDictionary<long, OpenWindow>? OpenByStart
    {
        get => null;
        set
        {
            foreach (var (start, window) in value ?? [])
            {
                window.StartTicks = start;
                OpenSlot(start, window);
            }
        }
    }

    /// <summary>The open window starting at <paramref name="startTicks"/>, opened if it is not yet.</summary>
    public OpenWindow OpenSlot(long startTicks, OpenWindow? window = null)
    {
        var at = _open.Length;
        while (at > 0 && _open[at - 1].StartTicks >= startTicks)
        {
            if (_open[--at].StartTicks == startTicks)
            {
                return _open[at];
            }
        }
        var grown = new OpenWindow[_open.Length + 1];
        _open.AsSpan(0, at).CopyTo(grown);
        _open.AsSpan(at).CopyTo(grown.AsSpan(at + 1));
        _open = grown;
        return grown[at] = window ?? new OpenWindow { StartTicks = startTicks };
    }

    /// <summary>Drops the <paramref name="count"/> oldest open windows (made final).</summary>
    public void DropOpen(int count) => _open = count == 0 ? _open : _open[count..];

    private void Reopen(IEnumerable<OpenWindow> windows)
    {
        foreach (var window in windows)
        {
            OpenSlot(window.StartTicks, window);
        }
    }

    /// <summary>
    /// Final windows, oldest first, at most <see cref="WindowOptions.RetainWindows"/>. Written with the series are only
    /// those after <see cref="ArchivedThroughTicks"/> (<see cref="Recent"/>); the owner keeps the others in a record of
    /// their own (<see cref="FinalWindowArchive"/>).
    /// </summary>
    public IReadOnlyList<ClosedWindow> Closed => (IReadOnlyList<ClosedWindow>?)_closed ?? [];

    /// <summary>
    /// Start of the newest final window the owner has archived apart, UTC ticks; <see cref="long.MinValue"/> (owners that
    /// archive nothing) writes every final window with the series.
    /// </summary>
    [Id(4)] public long ArchivedThroughTicks { get; set; } = long.MinValue;

    /// <summary>
    /// The final windows written with the series: those not archived apart (null when none are). Reading one back merges
    /// it in.
    /// </summary>
    [Id(3)]
    public List<ClosedWindow>? Recent
    {
        get => ArchivedThroughTicks == long.MinValue || _closed is null ? _closed
            : Unarchived is > 0 and var recent ? _closed.GetRange(_closed.Count - recent, recent) : null;
        set => Restore(value ?? []);
    }

    /// <summary>Final windows as states written before some could be archived apart; only ever set by reading one.</summary>
    [Id(1)]
    public List<ClosedWindow>? AllClosed
    {
        get => null;
        set => Restore(value ?? []);
    }

    /// <summary>Final windows closed after <see cref="ArchivedThroughTicks"/>.</summary>
    public int Unarchived
    {
        get
        {
            if (_closed is not { } closed)
            {
                return 0;
            }
            var at = closed.Count;
            while (at > 0 && closed[at - 1].StartTicks > ArchivedThroughTicks)
            {
                at--;
            }
            return closed.Count - at;
        }
    }

    /// <summary>
    /// Merges final windows read back from storage in start order (a start already held keeps its window), then keeps
    /// the newest <paramref name="retain"/>.
    /// </summary>
    public void Restore(IEnumerable<ClosedWindow> windows, int retain = int.MaxValue)
    {
        foreach (var window in windows)
        {
            if (FindClosed(window.StartTicks) is null)
            {
                AddClosed(window, int.MaxValue);
            }
        }
        if (_closed?.Count > retain)
        {
            _closed.RemoveRange(0, _closed.Count - retain);
        }
    }

    /// <summary>The closed window starting at <paramref name="startTicks"/>, if still retained.</summary>
    public ClosedWindow? FindClosed(long startTicks)
    {
        if (_closed is not { } closed)
        {
            return null;
        }
        var lo = 0;
        var hi = closed.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = closed[mid].StartTicks.CompareTo(startTicks);
            if (c == 0)
            {
                return closed[mid];
            }
            if (c < 0) { lo = mid + 1; } else { hi = mid - 1; }
        }
        return null;
    }

    /// <summary>Appends a final window in start order and drops the oldest beyond <paramref name="retain"/>.</summary>
    public void AddClosed(ClosedWindow window, int retain)
    {
        var closed = _closed ??= new List<ClosedWindow>(1);
        var at = closed.Count;
        while (at > 0 && closed[at - 1].StartTicks > window.StartTicks)
        {
            at--;
        }
        closed.Insert(at, window);
        if (closed.Count > retain)
        {
            closed.RemoveRange(0, closed.Count - retain);
        }
    }
}
