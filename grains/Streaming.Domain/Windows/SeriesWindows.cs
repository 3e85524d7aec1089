namespace Streaming.Domain;

/// <summary>The windows of one series at one size: the open ones, and the newest final ones (oldest first).</summary>
[GenerateSerializer, SuppressReferenceTracking, Alias("streaming.series-windows.v1")]
public sealed class SeriesWindows
{
    /// <summary>
    /// Open windows in start order: one or two most of the time, so a list (a tree per series weighed more than the
    /// windows in it, in memory and in every state write).
    /// </summary>
    [Id(2)] public List<OpenWindow> Open { get; set; } = [];

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
        var at = Open.Count;
        while (at > 0 && Open[at - 1].StartTicks >= startTicks)
        {
            if (Open[--at].StartTicks == startTicks)
            {
                return Open[at];
            }
        }
        Open.Insert(at, window ?? new OpenWindow { StartTicks = startTicks });
        return Open[at];
    }

    /// <summary>
    /// Final windows, oldest first, at most <see cref="WindowOptions.RetainWindows"/>. Written with the series are only
    /// those after <see cref="ArchivedThroughTicks"/> (<see cref="Recent"/>); the owner keeps the others in a record of
    /// their own (<see cref="FinalWindowArchive"/>).
    /// </summary>
    public List<ClosedWindow> Closed => _closed;

    [NonSerialized] private readonly List<ClosedWindow> _closed = [];

    /// <summary>
    /// Start of the newest final window the owner has archived apart, UTC ticks; <see cref="long.MinValue"/> (owners that
    /// archive nothing) writes every final window with the series.
    /// </summary>
    [Id(4)] public long ArchivedThroughTicks { get; set; } = long.MinValue;

    /// <summary>The final windows written with the series: those not archived apart. Reading one back merges it in.</summary>
    [Id(3)]
    public List<ClosedWindow> Recent
    {
        get => ArchivedThroughTicks == long.MinValue ? Closed : Closed.GetRange(Closed.Count - Unarchived, Unarchived);
        set => Restore(value);
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
            var at = Closed.Count;
            while (at > 0 && Closed[at - 1].StartTicks > ArchivedThroughTicks)
            {
                at--;
            }
            return Closed.Count - at;
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
        if (Closed.Count > retain)
        {
            Closed.RemoveRange(0, Closed.Count - retain);
        }
    }

    /// <summary>The closed window starting at <paramref name="startTicks"/>, if still retained.</summary>
    public ClosedWindow? FindClosed(long startTicks)
    {
        var lo = 0;
        var hi = Closed.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = Closed[mid].StartTicks.CompareTo(startTicks);
            if (c == 0)
            {
                return Closed[mid];
            }
            if (c < 0) { lo = mid + 1; } else { hi = mid - 1; }
        }
        return null;
    }

    /// <summary>Appends a final window in start order and drops the oldest beyond <paramref name="retain"/>.</summary>
    public void AddClosed(ClosedWindow window, int retain)
    {
        var at = Closed.Count;
        while (at > 0 && Closed[at - 1].StartTicks > window.StartTicks)
        {
            at--;
        }
        Closed.Insert(at, window);
        if (Closed.Count > retain)
        {
            Closed.RemoveRange(0, Closed.Count - retain);
        }
    }
}
