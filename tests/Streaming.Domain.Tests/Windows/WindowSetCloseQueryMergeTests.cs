using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class WindowSetCloseQueryMergeTests
{
    private readonly WindowOptions _options = Windows();
    private readonly WindowSet _set = new();

    private void Add(int minutes, int seconds, double value) => _set.Add(Temperature, value, At(minutes, seconds), _options, null);

    private List<WindowResult> Run(Action<WindowOptions, List<WindowResult>> step)
    {
        var emitted = new List<WindowResult>();
        step(_options, emitted);
        return emitted;
    }

    private static WindowDelta Delta(int minute, params double[] values) =>
        new(Minute, At(minute).UtcTicks, Accumulator(values), At(minute, 30).UtcTicks);

    [Fact]
    public void CloseAll_OpenWindows_AllFinalAndLaterEventsLate()
    {
        _set.Add(new SeriesKey(EventKind.Sensor, "humidity"), 50, At(0, 10), _options, null);
        Add(2, 10, 1);
        Add(3, 10, 2);

        var emitted = Run((o, e) => _set.CloseAll(o, e));

        Assert.Equal(3, emitted.Count);
        Assert.All(emitted, r => Assert.True(r.Final));
        Assert.All(_set.Series.Values, s => Assert.Empty(s.Open));
        Assert.Equal(At(4).UtcTicks, _set.WatermarkTicks(_options));
        Assert.True(_set.IsLate(At(3, 59), _options));
        Assert.False(_set.IsLate(At(4), _options));
        Assert.Empty(Run(_set.Advance));
    }

    [Fact]
    public void CloseAll_NothingOpen_NothingEmittedAndWatermarkUnchanged()
    {
        Assert.Empty(Run((o, e) => _set.CloseAll(o, e)));
        Assert.Equal(long.MinValue, _set.WatermarkTicks(_options));
    }

    [Fact]
    public void Query_ClosedAndOpenWindows_ClosedThenOpenOldestFirstInRange()
    {
        foreach (var minute in new[] { 0, 1, 2, 8, 9 })
        {
            Add(minute, 0, minute);
        }
        Run(_set.Advance);

        var all = _set.Query(Minute, null, null).ToArray();
        Assert.Equal([(At(0), true), (At(1), true), (At(2), true), (At(8), false), (At(9), false)], all.Select(r => (r.Start, r.Final)));
        Assert.Equal([1, 1, 1, 1, 0], all.Select(r => r.Revision));

        Assert.Equal([At(1), At(2), At(8)], _set.Query(Minute, At(1), At(9)).Select(r => r.Start));
        Assert.Equal([At(1), At(2)], _set.Query(Minute, At(1, 59), At(8)).Select(r => r.Start));
        Assert.Equal([At(0)], _set.Query(Minute, null, At(0, 1)).Select(r => r.Start));
        Assert.Empty(_set.Query(Minute, At(3), At(8)));
        Assert.Empty(_set.Query(Hour, null, null));
    }

    [Fact]
    public void Merge_DeltaIntoOpenWindow_AddedAndEmittedAsProvisional()
    {
        Add(0, 10, 1);
        var emitted = new List<WindowResult>();

        _set.Merge(Delta(0, 2, 3), _options, emitted);
        Assert.Empty(emitted);
        _set.Merge(Delta(1, 4), _options, emitted);
        _set.Advance(_options, emitted);

        var result = Assert.Single(emitted);
        Assert.Equal((At(0), 3L, 6.0, 1.0, 3.0, 1, false),
            (result.Start, result.Aggregate.Count, result.Aggregate.Sum, result.Aggregate.Min, result.Aggregate.Max, result.Revision, result.Final));
        Assert.Equal(At(1, 30).UtcTicks, _set.MaxEventTicks);
    }

    [Fact]
    public void Merge_DeltaIntoRetainedClosedWindow_RevisedAndEmittedFinal()
    {
        _set.RetainAccumulators = true;
        Add(0, 10, 1);
        Add(10, 0, 9);
        Assert.Contains(Run(_set.Advance), r => r.Final && r.Start == At(0) && r.Revision == 1);

        var delta = Delta(0, 5, -2);
        var emitted = Run((o, e) => _set.Merge(delta, o, e));

        var result = Assert.Single(emitted);
        Assert.Equal((At(0), 3L, 4.0, -2.0, 5.0, 2, true),
            (result.Start, result.Aggregate.Count, result.Aggregate.Sum, result.Aggregate.Min, result.Aggregate.Max, result.Revision, result.Final));
        Assert.Equal(result, Assert.Single(_set.Query(Minute, At(0), At(1))));
        Assert.Equal((2L, 3.0), (delta.Accumulator.Count, delta.Accumulator.Sum));
        Assert.Empty(Run(_set.Advance));
    }

    [Fact]
    public void Merge_DeltaForWindowNeverSeenBehindWatermark_EmittedFinalOnNextAdvance()
    {
        _set.RetainAccumulators = true;
        Add(10, 0, 9);
        var emitted = Run((o, e) => _set.Merge(Delta(0, 5), o, e));
        _set.Advance(_options, emitted);

        Assert.Equal([(At(0), 1L, true)], emitted.Select(r => (r.Start, r.Aggregate.Count, r.Final)));
    }
}
