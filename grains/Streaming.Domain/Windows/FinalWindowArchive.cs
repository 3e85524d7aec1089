namespace Streaming.Domain;

/// <summary>
/// Keeps an owner's state write small as its history grows. Final windows do not change once an entity has closed them,
/// yet up to <see cref="WindowOptions.RetainWindows"/> per series were written with every batch: after three hours of one
/// event a minute, nearly all of an entity's state. The owner archives them into a record of their own once
/// <see cref="ArchiveAfter"/> have gathered; its state then carries only those closed since, until the next archive.
/// </summary>
public static class FinalWindowArchive
{
    /// <summary>Final windows not yet archived that make the next write archive them.</summary>
    public const int ArchiveAfter = 32;

    /// <summary>Whether enough final windows have gathered since the last archive.</summary>
    public static bool Due(WindowSet windows)
    {
        var gathered = 0;
        foreach (var series in windows.Series.Values)
        {
            gathered += series.Unarchived;
        }
        return gathered >= ArchiveAfter;
    }

    /// <summary>Every retained final window: the archive record to write.</summary>
    public static FinalWindows Collect(WindowSet windows)
    {
        var archive = new FinalWindows();
        foreach (var (key, series) in windows.Series)
        {
            if (series.Closed.Count > 0)
            {
                archive.Series[key] = [.. series.Closed];
            }
        }
        return archive;
    }

    /// <summary>Once <paramref name="written"/> is durable: the state's writes leave out the final windows it holds.</summary>
    public static void MarkArchived(WindowSet windows, FinalWindows written)
    {
        foreach (var (key, closed) in written.Series)
        {
            if (closed is [.., var newest] && windows.Series.TryGetValue(key, out var series))
            {
                series.ArchivedThroughTicks = Math.Max(series.ArchivedThroughTicks, newest.StartTicks);
            }
        }
    }

    /// <summary>Puts an archive read back from storage into the windows its owner's state holds, keeping the newest <paramref name="retain"/>.</summary>
    public static void Restore(WindowSet windows, FinalWindows archive, int retain)
    {
        foreach (var (key, closed) in archive.Series)
        {
            if (!windows.Series.TryGetValue(key, out var series))
            {
                windows.Series[key] = series = new SeriesWindows();
            }
            series.Restore(closed, retain);
        }
    }
}
