using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class RollupModelTests
{
    private readonly WindowOptions _options = Windows();
    private readonly RollupState _rollup = new();
    private readonly List<WindowResult> _emitted = [];

    /// <summary>Applies events to a child entity and queues its deltas in the child's outbox; returns the pending segments.</summary>
    private List<RollupSegment> ChildApplies(EntityState child, params CleanEvent[] events)
    {
        child.Outbox.Enqueue(EntityModel.Apply(child, events, _options, 20_000).Deltas);
        return child.Outbox.Pending;
    }

    private long Merge(string child, IReadOnlyList<RollupSegment> segments) =>
        RollupModel.Merge(_rollup, child, segments, _options, At(30), _emitted);

    private WindowAggregate Window(int minute) => Assert.Single(_rollup.Windows.Query(Minute, At(minute), At(minute + 1))).Aggregate;

    [Fact]
    public void Merge_SameSegmentTwice_AppliedOnce()
    {
        var segments = ChildApplies(new EntityState(), Clean("a", At(0, 10), 2), Clean("b", At(0, 20), 3));

        Assert.Equal(1, Merge("e1", segments));
        Assert.Equal(1, Merge("e1", segments));

        Assert.Equal((2L, 5.0), (Window(0).Count, Window(0).Sum));
        Assert.Equal(1, _rollup.AppliedSeq["e1"]);
    }

    [Fact]
    public void Merge_ResentSegmentWithNewOne_OnlyNewApplied()
    {
        var child = new EntityState();
        Merge("e1", ChildApplies(child, Clean("a", At(0, 10), 2)));

        var pending = ChildApplies(child, Clean("b", At(0, 20), 3));

        Assert.Equal([1L, 2L], pending.Select(s => s.Seq));
        Assert.Equal(2, Merge("e1", pending));
        Assert.Equal((2L, 5.0), (Window(0).Count, Window(0).Sum));
    }

    [Fact]
    public void Merge_TwoChildren_SequencesTrackedPerChildAndBothMerged()
    {
        Merge("e1", ChildApplies(new EntityState(), Clean("a", At(0, 10), 2)));
        Merge("e2", ChildApplies(new EntityState(), Clean("a", At(0, 20), 7)));

        Assert.Equal((1L, 1L), (_rollup.AppliedSeq["e1"], _rollup.AppliedSeq["e2"]));
        Assert.Equal((2L, 9.0, 2.0, 7.0), (Window(0).Count, Window(0).Sum, Window(0).Min, Window(0).Max));
    }

    [Fact]
    public void Merge_EventsSplitAcrossChildren_EqualsEntityOverAllEvents()
    {
        var (whole, left, right) = (new EntityState(), new EntityState(), new EntityState());
        CleanEvent[] events = [.. Enumerable.Range(0, 40).Select(i => Clean($"e{i}", At(i / 7, i * 13 % 60), (i * 37 % 19) - 9.25))];

        EntityModel.Apply(whole, events, _options, 20_000);
        Merge("left", ChildApplies(left, [.. events.Where((_, i) => i % 3 == 0)]));
        Merge("right", ChildApplies(right, [.. events.Where((_, i) => i % 3 != 0)]));

        var expected = whole.Windows.Query(Minute, null, null).ToArray();
        var actual = _rollup.Windows.Query(Minute, null, null).ToArray();
        Assert.Equal(expected.Select(r => r.Start), actual.Select(r => r.Start));
        foreach (var (e, a) in expected.Zip(actual))
        {
            AssertSameAggregate(e.Aggregate, a.Aggregate, $"window {e.Start:O}");
        }
    }

    [Fact]
    public void Merge_DeltaForRollupFinalWindow_RevisedAndEmittedFinal()
    {
        Merge("busy", ChildApplies(new EntityState(), Clean("a", At(0, 10), 2), Clean("b", At(10), 4)));
        Assert.Contains(_emitted, r => r.Start == At(0) && r.Final && r.Revision == 1);
        _emitted.Clear();

        Merge("slow", ChildApplies(new EntityState(), Clean("c", At(0, 30), 5)));

        var revised = Assert.Single(_emitted);
        Assert.Equal((At(0), 2, true, 2L, 7.0), (revised.Start, revised.Revision, revised.Final, revised.Aggregate.Count, revised.Aggregate.Sum));
    }

    [Fact]
    public void Forward_MergedDeltas_MovedIntoOneOutboxSegment()
    {
        Merge("e1", ChildApplies(new EntityState(), Clean("a", At(0, 10), 2), Clean("b", At(1, 10), 3)));
        Merge("e2", ChildApplies(new EntityState(), Clean("a", At(0, 20), 7)));

        var segment = Assert.Single(RollupModel.Forward(_rollup));

        Assert.True(_rollup.Unsent.IsEmpty);
        Assert.Equal(1, segment.Seq);
        Assert.Equal([(At(0).UtcTicks, 2L, 9.0), (At(1).UtcTicks, 1L, 3.0)],
            segment.Deltas.Select(d => (d.StartTicks, d.Accumulator.Count, d.Accumulator.Sum)));
        Assert.Single(RollupModel.Forward(_rollup));
    }

    [Fact]
    public void Forward_AfterConfirm_OnlyUnconfirmedSegmentsPending()
    {
        Merge("e1", ChildApplies(new EntityState(), Clean("a", At(0, 10), 2)));
        RollupModel.Forward(_rollup);
        Merge("e2", ChildApplies(new EntityState(), Clean("a", At(0, 20), 7)));

        Assert.Equal([1L, 2L], RollupModel.Forward(_rollup).Select(s => s.Seq));
        _rollup.Outbox.Confirm(1);

        var pending = Assert.Single(RollupModel.Forward(_rollup));
        Assert.Equal((2L, 7.0), (pending.Seq, Assert.Single(pending.Deltas).Accumulator.Sum));
        _rollup.Outbox.Confirm(2);
        Assert.Empty(RollupModel.Forward(_rollup));
    }

    [Fact]
    public void Outbox_EnqueueNoDeltas_NoSegment()
    {
        var outbox = new Outbox();

        outbox.Enqueue([]);

        Assert.Empty(outbox.Pending);
        Assert.Equal(0, outbox.LastSeq);
    }
}
