using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class FinalWindowArchiveTests
{
    private readonly WindowOptions _options = Windows();

    // One event a minute: the watermark trails it by five minutes, so after n minutes n - 6 one-minute windows are final.
    private WindowSet Minutes(int count, WindowSet? set = null)
    {
        set ??= new WindowSet();
        var from = set.MaxEventTicks == long.MinValue ? 0 : (int)((set.MaxEventTicks - T0.UtcTicks) / TimeSpan.TicksPerMinute) + 1;
        for (var minute = from; minute < from + count; minute++)
        {
            set.Add(Temperature, minute, At(minute), _options, null);
            set.Advance(_options, []);
        }
        return set;
    }

    private static List<(DateTimeOffset, long, double, bool)> All(WindowSet set) =>
        [.. set.Query(Minute, null, null).Select(w => (w.Start, w.Aggregate.Count, w.Aggregate.Sum, w.Final))];

    [Fact]
    public void Due_OnlyOnceEnoughFinalWindowsGathered()
    {
        Assert.False(FinalWindowArchive.Due(Minutes(5 + FinalWindowArchive.ArchiveAfter)));
        Assert.True(FinalWindowArchive.Due(Minutes(6 + FinalWindowArchive.ArchiveAfter)));
    }

    // Fifty minutes (44 final windows) archived, then three more minutes (three more final windows, not archived).
    private (WindowSet Set, FinalWindows Archive) ArchivedThenThreeMore()
    {
        var set = Minutes(50);
        var archive = FinalWindowArchive.Collect(set);
        FinalWindowArchive.MarkArchived(set, archive);
        Minutes(3, set);
        return (set, archive);
    }

    [Fact]
    public void MarkArchived_LeavesOnlyLaterFinalWindowsInTheState()
    {
        var (set, archive) = ArchivedThenThreeMore();

        var series = set.Series[Minute];
        Assert.Equal(44, Assert.Single(archive.Series).Value.Count);
        Assert.Equal(3, series.Unarchived);
        Assert.Equal(series.Closed.TakeLast(3), series.Recent);
        Assert.False(FinalWindowArchive.Due(set));
    }

    [Fact]
    public void Restore_StateAndArchive_BringBackEveryWindowOnce()
    {
        var (set, archive) = ArchivedThenThreeMore();
        var expected = All(set);

        // What reading both records gives: the state's own windows (open and recent final), then the archive.
        var read = new WindowSet { MaxEventTicks = set.MaxEventTicks };
        read.Series[Minute] = new SeriesWindows { OpenWindows = [.. set.Series[Minute].Open], Recent = set.Series[Minute].Recent };
        FinalWindowArchive.Restore(read, archive, _options.RetainWindows);

        Assert.Equal(expected, All(read));
    }

    [Fact]
    public void Restore_WindowInBothRecords_KeptOnceAndRetentionHolds()
    {
        var set = Minutes(20);
        var archive = FinalWindowArchive.Collect(set); // a state write that failed after the archive: both hold them
        var restored = new WindowSet();

        FinalWindowArchive.Restore(restored, archive, retain: 10);
        FinalWindowArchive.Restore(restored, archive, retain: 10);

        Assert.Equal(set.Series[Minute].Closed.TakeLast(10).Select(c => c.StartTicks), restored.Series[Minute].Closed.Select(c => c.StartTicks));
    }
}
