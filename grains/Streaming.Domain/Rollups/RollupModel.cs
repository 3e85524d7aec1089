namespace Streaming.Domain;

/// <summary>The behaviour of a roll-up, as pure functions of its state and its input.</summary>
public static class RollupModel
{
    /// <summary>
    /// Merges a child's segments, skipping those already applied, collects the deltas for this roll-up's
    /// own parent (see <see cref="Forward"/>), and emits what changed. Returns the highest sequence applied for the child.
    /// </summary>
    public static long Merge(RollupState state, string child, IReadOnlyList<RollupSegment> segments, WindowOptions options,
        DateTimeOffset now, List<WindowResult> emitted)
    {
        var applied = state.AppliedSeq.GetValueOrDefault(child);
        foreach (var segment in segments)
        {
            if (segment.Seq <= applied)
            {
                continue;
            }
            foreach (var delta in segment.Deltas)
            {
                state.Windows.Merge(delta, options, emitted);
                state.Unsent.Merge(delta);
            }
            applied = segment.Seq;
        }
        state.AppliedSeq[child] = applied;
        state.LastReceivedAt = now;
        state.Windows.Advance(options, emitted);
        return applied;
    }

    /// <summary>Moves what was merged since the last call into one outbox segment; returns what the parent is owed.</summary>
    public static IReadOnlyList<RollupSegment> Forward(RollupState state)
    {
        if (!state.Unsent.IsEmpty)
        {
            state.Outbox.Enqueue(state.Unsent.Drain());
        }
        return state.Outbox.Pending;
    }

    /// <summary>Closes every open window after the idle timeout, as entities do.</summary>
    public static List<WindowResult> CloseIfIdle(RollupState state, WindowOptions options, DateTimeOffset now)
    {
        var emitted = new List<WindowResult>();
        if (state.LastReceivedAt is { } last && now - last >= options.IdleTimeout)
        {
            state.Windows.CloseAll(options, emitted);
        }
        return emitted;
    }
}
