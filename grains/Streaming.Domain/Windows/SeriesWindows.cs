namespace Streaming.Domain;

/// <summary>The windows of one series at one size: the open ones, and the newest final ones (oldest first).</summary>
[GenerateSerializer, Alias("streaming.series-windows.v1")]
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

    /// <summary>Final windows, oldest first, at most <see cref="WindowOptions.RetainWindows"/>.</summary>
    [Id(1)] public List<ClosedWindow> Closed { get; set; } = [];

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
