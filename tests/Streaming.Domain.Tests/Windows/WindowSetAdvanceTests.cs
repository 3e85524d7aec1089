using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class WindowSetAdvanceTests
{
    private readonly WindowOptions _options = Windows();
    private readonly WindowSet _set = new();

    private List<WindowResult> AddAndAdvance(params (DateTimeOffset Time, double Value)[] events)
    {
        foreach (var (time, value) in events)
        {
            Assert.False(_set.IsLate(time, _options));
            _set.Add(Temperature, value, time, _options, null);
        }
        var emitted = new List<WindowResult>();
        _set.Advance(_options, emitted);
        return emitted;
    }

    private static (DateTimeOffset Start, long Count, double Sum, int Revision, bool Final) Summary(WindowResult r) =>
        (r.Start, r.Aggregate.Count, r.Aggregate.Sum, r.Revision, r.Final);

    [Fact]
    public void Advance_EventTimeInsideWindow_NothingEmitted() =>
        Assert.Empty(AddAndAdvance((At(0, 10), 1), (At(0, 59), 2)));

    [Fact]
    public void Advance_EventTimePassesWindowEnd_ProvisionalRevisionOne()
    {
        AddAndAdvance((At(0, 10), 1));

        var emitted = AddAndAdvance((At(1), 5));

        var result = Assert.Single(emitted);
        Assert.Equal((At(0), 1L, 1.0, 1, false), Summary(result));
        Assert.Equal((Temperature, TimeSpan.FromMinutes(1), At(1)), (result.Series, result.Size, result.End));
    }

    [Fact]
    public void Advance_UpdateOfEmittedWindowWithinLateness_RevisionIncremented()
    {
        AddAndAdvance((At(0, 10), 1), (At(1), 5));

        Assert.Equal([(At(0), 2L, 4.0, 2, false)], AddAndAdvance((At(0, 30), 3)).Select(Summary));
        Assert.Equal([(At(0), 3L, 6.0, 3, false)], AddAndAdvance((At(0, 40), 2)).Select(Summary));
    }

    [Fact]
    public void Advance_UnchangedWindows_NothingEmitted()
    {
        AddAndAdvance((At(0, 10), 1), (At(1), 5));

        Assert.Empty(AddAndAdvance());
        Assert.Empty(AddAndAdvance((At(1, 30), 6)));
    }

    [Fact]
    public void Advance_WatermarkPassesWindowEnd_FinalAndMovedToClosed()
    {
        AddAndAdvance((At(0, 10), 1), (At(1), 5));

        var emitted = AddAndAdvance((At(6), 7));

        Assert.Equal([(At(0), 1L, 1.0, 2, true), (At(1), 1L, 5.0, 1, false)], emitted.Select(Summary));
        var series = _set.Series[Minute];
        var closed = Assert.Single(series.Closed);
        Assert.Equal((At(0).UtcTicks, 2, 1L), (closed.StartTicks, closed.Revision, closed.Aggregate.Count));
        Assert.Null(closed.Accumulator);
        Assert.Equal([At(1).UtcTicks, At(6).UtcTicks], series.Open.Select(w => w.StartTicks));
        Assert.Empty(AddAndAdvance());
    }

    [Fact]
    public void Advance_WindowNeverEmittedProvisionally_FinalAtRevisionOne()
    {
        AddAndAdvance((At(0, 10), 1));

        var emitted = AddAndAdvance((At(10), 2));

        Assert.Equal([(At(0), 1L, 1.0, 1, true)], emitted.Select(Summary));
    }

    [Fact]
    public void Advance_WatermarkExactlyAtWindowEnd_Final()
    {
        AddAndAdvance((At(0, 10), 1));

        var emitted = AddAndAdvance((At(6).AddTicks(-1), 2));
        Assert.DoesNotContain(emitted, r => r.Final);

        Assert.Contains(AddAndAdvance((At(6), 3)), r => r.Final && r.Start == At(0));
    }

    [Fact]
    public void Advance_MoreFinalWindowsThanRetained_OldestDropped()
    {
        _options.RetainWindows = 2;

        AddAndAdvance((At(0), 1), (At(1), 2), (At(2), 3), (At(3), 4), (At(10), 5));

        Assert.Equal([At(2).UtcTicks, At(3).UtcTicks], _set.Series[Minute].Closed.Select(c => c.StartTicks));
    }

    [Fact]
    public void Advance_RetainAccumulators_ClosedWindowKeepsAccumulator()
    {
        _set.RetainAccumulators = true;

        AddAndAdvance((At(0), 1), (At(0, 30), 2), (At(10), 5));

        Assert.Equal(2, Assert.Single(_set.Series[Minute].Closed).Accumulator!.Count);
    }
}
