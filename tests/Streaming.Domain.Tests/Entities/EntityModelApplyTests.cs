using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class EntityModelApplyTests
{
    private const int MaxDedupe = 20_000;
    private readonly WindowOptions _options = Windows();
    private readonly EntityState _state = new();

    private EntityBatchResult Apply(params CleanEvent[] batch) => EntityModel.Apply(_state, batch, _options, MaxDedupe);

    [Fact]
    public void Apply_NewEvents_AppliedAndCounted()
    {
        var result = Apply(Clean("a", At(0, 10), 20), Clean("b", At(0, 20), 21));

        Assert.Equal([ApplyOutcome.Applied, ApplyOutcome.Applied], result.Outcomes);
        Assert.Equal(2, _state.EventsApplied);
        Assert.Equal(At(0, 21), _state.LastReceivedAt);
    }

    [Theory]
    [InlineData(10, ApplyOutcome.Duplicate)] // remembered beyond the watermark: a redelivery after a crash is a duplicate
    [InlineData(0, ApplyOutcome.Late)]       // remembered only to the watermark: the same redelivery reads as late
    public void Apply_RedeliveryBehindWatermark_DuplicateWithinDedupeHorizon(int horizonMinutes, ApplyOutcome expected)
    {
        // 300 events over 5 minutes, then 300 more from minute 8: the watermark reaches 7:59 and the memory is swept.
        var horizon = TimeSpan.FromMinutes(horizonMinutes);
        EntityModel.Apply(_state, [.. Enumerable.Range(0, 300).Select(i => Clean($"e{i}", At(0, i), 1))], _options, MaxDedupe, horizon);
        EntityModel.Apply(_state, [.. Enumerable.Range(480, 300).Select(i => Clean($"e{i}", At(0, i), 1))], _options, MaxDedupe, horizon);

        var result = EntityModel.Apply(_state, [Clean("e250", At(0, 250), 1)], _options, MaxDedupe, horizon);

        Assert.Equal([expected], result.Outcomes);
        Assert.Equal(600, _state.EventsApplied);
    }

    [Fact]
    public void Apply_SameEnvelopeIdAgain_DuplicateAndNotCountedTwice()
    {
        Apply(Clean("a", At(0, 10), 20));

        var result = Apply(Clean("a", At(0, 10), 20), Clean("b", At(0, 20), 1), Clean("b", At(0, 20), 1));

        Assert.Equal([ApplyOutcome.Duplicate, ApplyOutcome.Applied, ApplyOutcome.Duplicate], result.Outcomes);
        Assert.Equal((2L, 2L), (_state.EventsApplied, _state.Duplicates));
        Assert.Equal(2, Assert.Single(_state.Windows.Query(Minute, null, null)).Aggregate.Count);
        Assert.Equal(1, Assert.Single(result.Deltas).Accumulator.Count);
    }

    [Fact]
    public void Apply_OlderThanWatermark_LateCountedAndNotInWindowsOrCurrent()
    {
        Apply(Clean("a", At(10), 20));

        var result = Apply(Clean("late", At(4, 59), 99), Clean("edge", At(5), 30));

        Assert.Equal([ApplyOutcome.Late, ApplyOutcome.Applied], result.Outcomes);
        Assert.Equal((1L, 2L), (_state.EventsLate, _state.EventsApplied));
        Assert.DoesNotContain(_state.Windows.Query(Minute, null, null), r => r.Aggregate.Max == 99);
        Assert.Equal(20, _state.Current["temperature"].Value);
        Assert.Equal(At(5).UtcTicks, Assert.Single(result.Deltas).MaxEventTicks);
    }

    [Fact]
    public void Apply_OlderEventReceivedLast_CurrentValueIsNewestEventTime()
    {
        Apply(Clean("new", At(2), 25, receivedAt: At(2, 1)));
        Apply(Clean("old", At(1), 15, receivedAt: At(3)));

        var current = _state.Current["temperature"];
        Assert.Equal(new CurrentValue(25, "Cel", At(2), ReadingFlags.None, Source.Value), current);
        Assert.Equal(At(3), _state.LastReceivedAt);
        Assert.Equal(2, _state.EventsApplied);
    }

    [Fact]
    public void Apply_NewerEventTime_ReplacesCurrentValuePerMetric()
    {
        Apply(Clean("a", At(1), 15), Clean("h", At(1), 40, metric: "humidity"));
        Apply(Clean("b", At(2), 16));

        Assert.Equal((16.0, At(2)), (_state.Current["temperature"].Value, _state.Current["temperature"].EventTime));
        Assert.Equal((40.0, At(1)), (_state.Current["humidity"].Value, _state.Current["humidity"].EventTime));
    }

    [Fact]
    public void Apply_Batch_ReturnsDeltasOfWhatItAdded()
    {
        var options = Windows(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));

        var result = EntityModel.Apply(_state, [Clean("a", At(0, 10), 1), Clean("b", At(1, 10), 2), Clean("c", At(1, 50), 4)], options, MaxDedupe);

        Assert.Equal(
            [(Minute, At(0).UtcTicks, 1L, 1.0, At(0, 10).UtcTicks), (Minute, At(1).UtcTicks, 2L, 6.0, At(1, 50).UtcTicks), (Hour, T0.UtcTicks, 3L, 7.0, At(1, 50).UtcTicks)],
            result.Deltas.Select(d => (d.Key, d.StartTicks, d.Accumulator.Count, d.Accumulator.Sum, d.MaxEventTicks)));
        Assert.Equal(5.0, Assert.Single(EntityModel.Apply(_state, [Clean("d", At(1, 55), 5)], options, MaxDedupe).Deltas, d => d.Key == Minute).Accumulator.Sum);
    }

    [Fact]
    public void Apply_EventTimePassesWindows_EmitsProvisionalThenFinal()
    {
        Assert.Empty(Apply(Clean("a", At(0, 10), 1)).Emitted);

        var provisional = Assert.Single(Apply(Clean("b", At(1, 10), 2)).Emitted);
        Assert.Equal((At(0), 1, false), (provisional.Start, provisional.Revision, provisional.Final));

        var emitted = Apply(Clean("c", At(6), 3)).Emitted;
        Assert.Equal([(At(0), 2, true), (At(1), 1, false)], emitted.Select(r => (r.Start, r.Revision, r.Final)));
    }

    [Fact]
    public void Apply_EmptyBatch_NothingChanges()
    {
        var result = Apply();

        Assert.Empty(result.Outcomes);
        Assert.Empty(result.Emitted);
        Assert.Empty(result.Deltas);
        Assert.Null(_state.LastReceivedAt);
    }
}
