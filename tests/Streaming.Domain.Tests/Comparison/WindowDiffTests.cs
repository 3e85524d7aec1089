using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class WindowDiffTests
{
    private static readonly TimeSpan MinuteSize = TimeSpan.FromMinutes(1);

    private static WindowResult Window(int minute, params double[] values) => Window(Temperature, minute, values);

    private static WindowResult Window(SeriesKey series, int minute, params double[] values) =>
        new(series, MinuteSize, At(minute), At(minute + 1), WindowAggregator.Result(Accumulator(values)), 1, true);

    [Fact]
    public void Compare_SameWindows_NoChangesAndAllCompared()
    {
        WindowResult[] windows = [Window(0, 1, 2), Window(1, 3)];

        var result = WindowDiff.Compare("e1", windows, [Window(0, 1, 2), Window(1, 3)], At(0), At(2));

        Assert.Equal(2, result.Compared);
        Assert.Empty(result.Changes);
    }

    [Fact]
    public void Compare_OneReadingFewer_ChangedWithCountSumMaxAndStatistics()
    {
        var result = WindowDiff.Compare("e1", [Window(0, 1, 2, 30)], [Window(0, 1, 2)], At(0), At(1));

        var change = Assert.Single(result.Changes);
        Assert.Equal((WindowChangeKind.Changed, "e1", At(0), At(1)), (change.Kind, change.Owner, change.Start, change.End));
        Assert.Equal(["count", "sum", "max", "mean", "stddev", "p50", "p95", "p99"], change.Fields.Select(f => f.Field));
        Assert.Equal(new WindowFieldChange("count", 3, 2), change.Fields[0]);
        Assert.Equal(new WindowFieldChange("max", 30, 2), change.Fields[2]);
    }

    [Fact]
    public void Compare_WindowMissingOnEitherSide_ReportedOnlyInLiveOrOnlyInSandbox()
    {
        var result = WindowDiff.Compare("e1", [Window(0, 1), Window(1, 2)], [Window(1, 2), Window(2, 3)], At(0), At(3));

        Assert.Equal(3, result.Compared);
        Assert.Equal([(WindowChangeKind.OnlyInLive, At(0)), (WindowChangeKind.OnlyInSandbox, At(2))],
            result.Changes.Select(c => (c.Kind, c.Start)));
        Assert.Null(result.Changes[0].Sandbox);
        Assert.Null(result.Changes[1].Live);
    }

    [Fact]
    public void Compare_WindowsOutsideOrStraddlingTheRange_Ignored()
    {
        var hour = new WindowResult(Temperature, TimeSpan.FromHours(1), T0, T0.AddHours(1), WindowAggregator.Result(Accumulator(1)), 1, true);

        var result = WindowDiff.Compare("e1", [Window(0, 1), Window(5, 9), hour], [Window(5, 1)], At(1), At(5));

        Assert.Equal(0, result.Compared);
        Assert.Empty(result.Changes);
    }

    [Fact]
    public void Compare_DifferentSeriesSameStart_ComparedSeparately()
    {
        var co = new SeriesKey(EventKind.Sensor, "co");

        var result = WindowDiff.Compare("e1", [Window(0, 1), Window(co, 0, 5)], [Window(0, 1)], At(0), At(1));

        var change = Assert.Single(result.Changes);
        Assert.Equal((WindowChangeKind.OnlyInLive, co), (change.Kind, change.Series));
    }

    [Fact]
    public void Compare_RevisedWindow_HighestRevisionCounts()
    {
        var revised = Window(0, 1, 2) with { Revision = 2 };

        var result = WindowDiff.Compare("area:x", [Window(0, 1), revised], [Window(0, 1, 2)], At(0), At(1));

        Assert.Empty(result.Changes);
    }

    [Fact]
    public void Fields_RegroupedSum_EqualWithinToleranceButNotBitForBit()
    {
        // (0.1 + 0.2) + 0.3 and 0.1 + (0.2 + 0.3) differ in the last bit: how a roll-up's regrouped deltas can differ.
        var ungrouped = WindowAggregator.Result(Accumulator(0.1, 0.2, 0.3));
        var grouped = WindowAggregator.Result(WindowAggregator.Merge(Accumulator(0.1), Accumulator(0.2, 0.3)));
        Assert.NotEqual(ungrouped.Sum, grouped.Sum);

        Assert.Contains(WindowDiff.Fields(ungrouped, grouped), f => f.Field == "sum");
        Assert.Empty(WindowDiff.Fields(ungrouped, grouped, WindowDiff.RollupTolerance));
    }

    [Fact]
    public void Fields_CountOrMinDiffer_ReportedEvenWithTolerance()
    {
        var live = WindowAggregator.Result(Accumulator(1e12, 1));
        var sandbox = WindowAggregator.Result(Accumulator(1e12));

        var fields = WindowDiff.Fields(live, sandbox, WindowDiff.RollupTolerance).Select(f => f.Field).ToList();

        Assert.Contains("count", fields);
        Assert.Contains("min", fields);
    }

    [Fact]
    public void Fields_EmptyWindowsNaN_Equal()
    {
        var empty = WindowAggregator.Result(WindowAggregator.Create());

        Assert.Empty(WindowDiff.Fields(empty, WindowAggregator.Result(WindowAggregator.Create())));
    }

    [Fact]
    public void Fields_TopTermsDiffer_ReportedWithoutValues()
    {
        var live = WindowAggregator.Result(WindowAggregator.AddTerms(Accumulator(1), ["nhs"]));
        var sandbox = WindowAggregator.Result(WindowAggregator.AddTerms(Accumulator(1), ["flu"]));

        Assert.Equal([new WindowFieldChange("topTerms", null, null)], WindowDiff.Fields(live, sandbox));
    }

    [Fact]
    public void Summary_SeveralOwners_CountsEachKind()
    {
        var a = WindowDiff.Compare("a", [Window(0, 1), Window(1, 2)], [Window(0, 5), Window(1, 2)], At(0), At(2));
        var b = WindowDiff.Compare("b", [Window(0, 1)], [Window(1, 2)], At(0), At(2));

        Assert.Equal(new WindowDiffSummary(4, 1, 1, 1, 1), WindowDiffSummary.Of([a, b]));
    }
}
