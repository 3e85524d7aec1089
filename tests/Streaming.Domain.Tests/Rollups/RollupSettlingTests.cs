using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

/// <summary>
/// Settling child sequences out of the record a roll-up writes on every commit (issue 8: an area with N children wrote
/// N sequence numbers per commit, O(N²) over N activations).
/// </summary>
[Trait("Category", "Domain")]
public sealed class RollupSettlingTests
{
    private const int SettleAfter = 100;
    private readonly WindowOptions _options = Windows();
    private readonly RollupState _rollup = new();
    private readonly List<WindowResult> _emitted = [];

    private static RollupSegment[] Segments(int seq, double value) =>
        [.. Enumerable.Range(1, seq).Select(s => new RollupSegment(s, [Delta(value)]))];

    private static WindowDelta Delta(double value) =>
        new(Minute, At(0).UtcTicks, WindowAggregator.Add(WindowAggregator.Create(), value), At(0, 1).UtcTicks);

    private long Merge(string child, RollupSegment[] segments) => RollupModel.Merge(_rollup, child, segments, _options, At(1), _emitted);

    // What the grain does around each state write: snapshot, write the state, settle, write the settled record, release.
    private void Commit()
    {
        if (RollupModel.ToSettle(_rollup, SettleAfter) is { } settling)
        {
            RollupModel.Settle(_rollup, settling);
            RollupModel.Release(_rollup, settling);
        }
    }

    private long Count => Assert.Single(_rollup.Windows.Query(Minute, null, null)).Aggregate.Count;

    [Fact]
    public void Commit_ManyUnchangedChildren_RecordWrittenEachCommitHoldsOnlyRecentChildren()
    {
        for (var i = 0; i < 10_000; i++)
        {
            Merge($"e{i}", Segments(1, 1));
            Commit();
            Assert.True(_rollup.AppliedSeq.Count < SettleAfter, $"{_rollup.AppliedSeq.Count} recent sequences after child {i}");
        }

        Merge("late-comer", Segments(1, 1));

        Assert.InRange(_rollup.AppliedSeq.Count, 1, SettleAfter);
        Assert.Equal(1, _rollup.AppliedSeq["late-comer"]);
        Assert.Equal(10_000 - (10_000 % SettleAfter), _rollup.Settled.Applied.Count);
    }

    [Fact]
    public void Merge_ResentSegmentOfSettledChild_SkippedAndNotRecentAgain()
    {
        for (var i = 0; i < SettleAfter; i++)
        {
            Merge($"e{i}", Segments(2, 1));
        }
        Commit();
        Assert.Empty(_rollup.AppliedSeq);

        Assert.Equal(2, Merge("e7", Segments(2, 1)));

        Assert.Equal(2L * SettleAfter, Count);
        Assert.Empty(_rollup.AppliedSeq);
    }

    [Fact]
    public void Merge_SettledChildSendsNewSegment_AppliedOnceAndRecentAgain()
    {
        for (var i = 0; i < SettleAfter; i++)
        {
            Merge($"e{i}", Segments(1, 1));
        }
        Commit();

        Assert.Equal(2, Merge("e3", Segments(2, 1)));
        Assert.Equal(2, Merge("e3", Segments(2, 1)));

        Assert.Equal(SettleAfter + 1L, Count);
        Assert.Equal(2, _rollup.AppliedSeq["e3"]);
        Assert.Equal(2, RollupModel.AppliedFor(_rollup, "e3"));
    }

    [Fact]
    public void Release_ChildMergedAgainWhileSettledRecordWritten_KeepsNewerNumber()
    {
        for (var i = 0; i < SettleAfter; i++)
        {
            Merge($"e{i}", Segments(1, 1));
        }
        var settling = RollupModel.ToSettle(_rollup, SettleAfter)!;
        RollupModel.Settle(_rollup, settling);

        Merge("e5", Segments(2, 1)); // arrives while the settled record is being written
        RollupModel.Release(_rollup, settling);

        Assert.Equal(2, Assert.Single(_rollup.AppliedSeq, p => p.Key == "e5").Value);
        Assert.Single(_rollup.AppliedSeq);
        Assert.Equal(2, Merge("e5", Segments(2, 1)));
        Assert.Equal(SettleAfter + 1L, Count);
    }

    [Fact]
    public void AppliedFor_ChildInBothRecordsAfterCrash_HigherNumberCounts()
    {
        // A crash after the settled record was written and before the state was written again leaves a child in both.
        _rollup.Settled.Applied["e1"] = 3;
        _rollup.AppliedSeq["e1"] = 3;
        _rollup.Settled.Applied["e2"] = 4;
        _rollup.AppliedSeq["e2"] = 5;

        Assert.Equal((3L, 5L, 0L), (RollupModel.AppliedFor(_rollup, "e1"), RollupModel.AppliedFor(_rollup, "e2"), RollupModel.AppliedFor(_rollup, "e3")));
        Assert.Equal(5, Merge("e2", Segments(5, 1)));
        Assert.Empty(_rollup.Windows.Series);
    }
}
