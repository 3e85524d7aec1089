using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class EntityModelIdleTests
{
    private readonly WindowOptions _options = Windows();
    private readonly EntityState _state = new();

    private EntityBatchResult Apply(params CleanEvent[] batch) => EntityModel.Apply(_state, batch, _options, 20_000);

    [Fact]
    public void CloseIfIdle_NothingReceived_NothingEmitted() =>
        Assert.Empty(EntityModel.CloseIfIdle(_state, _options, At(60)));

    [Fact]
    public void CloseIfIdle_BeforeIdleTimeout_NothingEmittedAndWindowsStayOpen()
    {
        Apply(Clean("a", At(0, 10), 1, receivedAt: At(0, 10)));

        Assert.Empty(EntityModel.CloseIfIdle(_state, _options, At(2, 10).AddTicks(-1)));
        Assert.Single(_state.Windows.Series[Minute].Open);
    }

    [Fact]
    public void CloseIfIdle_AfterIdleTimeoutOfProcessingTime_AllOpenWindowsFinal()
    {
        Apply(Clean("a", At(0, 10), 1, receivedAt: At(0, 10)), Clean("b", At(1, 10), 2, receivedAt: At(0, 10)));

        var emitted = EntityModel.CloseIfIdle(_state, _options, At(2, 10));

        Assert.Equal([(At(0), 2, true), (At(1), 1, true)], emitted.Select(r => (r.Start, r.Revision, r.Final)));
        Assert.Empty(_state.Windows.Series[Minute].Open);
        Assert.Empty(EntityModel.CloseIfIdle(_state, _options, At(30)));
    }

    [Fact]
    public void CloseIfIdle_MeasuredFromLastReceivedNotEventTime_UsesReceivedAt()
    {
        // Event time long ago, but received recently: not idle yet.
        Apply(Clean("a", At(0, 10), 1, receivedAt: At(30)));

        Assert.Empty(EntityModel.CloseIfIdle(_state, _options, At(31)));
        Assert.Single(EntityModel.CloseIfIdle(_state, _options, At(32)));
    }

    [Fact]
    public void CloseIfIdle_ThenEventIntoClosedWindow_Late()
    {
        Apply(Clean("a", At(0, 10), 1, receivedAt: At(0, 10)));
        EntityModel.CloseIfIdle(_state, _options, At(5));

        var result = Apply(Clean("b", At(0, 50), 2, receivedAt: At(6)), Clean("c", At(1), 3, receivedAt: At(6)));

        Assert.Equal([ApplyOutcome.Late, ApplyOutcome.Applied], result.Outcomes);
        Assert.Equal(1, _state.EventsLate);
        Assert.Equal(1, Assert.Single(_state.Windows.Query(Minute, At(0), At(1))).Aggregate.Count);
    }

    [Fact]
    public void CloseIfIdle_WindowStillRunning_StaysOpenAndTheNextReadingCounts()
    {
        // A sensor that reports every five minutes: idle after two, its minute over, its hour not.
        var options = Windows(OneMinute, OneHour);
        Apply(options, Clean("a", At(0, 10), 1, receivedAt: At(0, 10)));

        var emitted = EntityModel.CloseIfIdle(_state, options, At(2, 10));
        Assert.Equal([(OneMinute, At(0))], emitted.Select(r => (r.Size, r.Start)));
        Assert.Single(_state.Windows.Series[Hour].Open);
        Assert.Equal(At(60), EntityModel.IdleCheckAt(_state, options)); // the hour's end, not a check already due

        var result = Apply(options, Clean("b", At(5, 10), 2, receivedAt: At(5, 10)));
        Assert.Equal([ApplyOutcome.Applied], result.Outcomes);
        Assert.Equal(2, _state.Windows.Series[Hour].Open[0].Accumulator.Count);

        // Idle again until the hour is over: now it closes too.
        Assert.Equal([(OneMinute, At(5)), (OneHour, At(0))], EntityModel.CloseIfIdle(_state, options, At(60)).Select(r => (r.Size, r.Start)));
        Assert.Null(EntityModel.IdleCheckAt(_state, options));
    }

    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1), OneHour = TimeSpan.FromHours(1);

    private EntityBatchResult Apply(WindowOptions options, params CleanEvent[] batch) => EntityModel.Apply(_state, batch, options, 20_000);

    [Fact]
    public void CloseIfIdle_LaterActivity_ResetsIdleClock()
    {
        Apply(Clean("a", At(0, 10), 1, receivedAt: At(0, 10)));
        Apply(Clean("b", At(0, 20), 2, receivedAt: At(1, 30)));

        Assert.Empty(EntityModel.CloseIfIdle(_state, _options, At(2, 10)));
        Assert.NotEmpty(EntityModel.CloseIfIdle(_state, _options, At(3, 30)));
    }

    [Fact]
    public void IdleCheckAt_OpenWindowsThenClosed_DueAtIdleTimeoutThenNone()
    {
        Assert.Null(EntityModel.IdleCheckAt(_state, _options));
        Apply(Clean("a", At(0, 10), 1, receivedAt: At(0, 10)));

        Assert.Equal(At(0, 10) + _options.IdleTimeout, EntityModel.IdleCheckAt(_state, _options));

        Assert.NotEmpty(EntityModel.CloseIfIdle(_state, _options, At(0, 10) + _options.IdleTimeout));
        Assert.Null(EntityModel.IdleCheckAt(_state, _options));
    }

    [Fact]
    public void AllClosedAt_MinuteAndHourOpen_TheHoursEndWhereTheCheckIsAtTheMinutes()
    {
        var options = Windows(OneMinute, OneHour);
        Assert.Null(EntityModel.AllClosedAt(_state, options));
        Apply(options, Clean("a", At(0, 10), 1, receivedAt: At(0, 10)));

        Assert.Equal(At(0, 10) + options.IdleTimeout, EntityModel.IdleCheckAt(_state, options));
        Assert.Equal(At(60), EntityModel.AllClosedAt(_state, options));

        // Woken then, one pass closes both.
        Assert.Equal([OneMinute, OneHour], EntityModel.CloseIfIdle(_state, options, At(60)).Select(r => r.Size));
        Assert.Null(EntityModel.AllClosedAt(_state, options));
    }

    [Fact]
    public void AllClosedAt_WindowsEndedLongAgo_IdleTimeoutAfterTheLastEvent()
    {
        Apply(Clean("a", At(0, 10), 1, receivedAt: At(30)));

        Assert.Equal(At(30) + _options.IdleTimeout, EntityModel.AllClosedAt(_state, _options));
    }

    [Theory]
    [InlineData(null, 60)]      // interval unknown (a first event): the hour's end
    [InlineData(10, 60)]        // the next event overdue before the hour ends: the hour's end
    [InlineData(20, 70)]        // last heard at 40, every 20: overdue at 70
    [InlineData(40, 100)]       // overdue 40 min after the hour's end, within the longest window
    [InlineData(60, 60)]        // overdue 70 min after it, past the longest window: not waited for
    public void WakeUpAt_SensorWithAKnownInterval_WaitsUntilItsNextEventIsOverdue(int? everyMinutes, int wokenAtMinute)
    {
        var options = Windows(OneMinute, OneHour);
        Assert.Null(EntityModel.WakeUpAt(_state, TimeSpan.FromMinutes(20), options));
        Apply(options, Clean("a", At(0, 10), 1, receivedAt: At(0, 10)));
        Apply(options, Clean("b", At(40), 2, receivedAt: At(40)));
        var interval = everyMinutes is { } m ? TimeSpan.FromMinutes(m) : (TimeSpan?)null;

        Assert.Equal(At(wokenAtMinute), EntityModel.WakeUpAt(_state, interval, options));
    }
}
