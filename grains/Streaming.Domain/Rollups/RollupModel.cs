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
        var known = AppliedFor(state, child);
        var applied = known;
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
        if (applied > known)
        {
            state.AppliedSeq[child] = applied; // only what changed joins the record written on every commit
        }
        state.LastReceivedAt = now;
        state.Windows.Advance(options, emitted);
        return applied;
    }

    /// <summary>The highest sequence applied for <paramref name="child"/>, recent or settled; 0 for a child never seen.</summary>
    public static long AppliedFor(RollupState state, string child)
    {
        var settled = state.Settled.Applied.GetValueOrDefault(child);
        return state.AppliedSeq.TryGetValue(child, out var recent) ? Math.Max(recent, settled) : settled;
    }

    /// <summary>
    /// The recent sequences to settle, once there are at least <paramref name="settleAfterChildren"/> of them; else null.
    /// Take it just before the write of the state that makes them durable: only what that write covers may be settled.
    /// </summary>
    public static KeyValuePair<string, long>[]? ToSettle(RollupState state, int settleAfterChildren) =>
        state.AppliedSeq.Count >= Math.Max(1, settleAfterChildren) ? [.. state.AppliedSeq] : null;

    /// <summary>
    /// Moves <paramref name="settling"/> (from <see cref="ToSettle"/>, now durable) into <see cref="RollupState.Settled"/>,
    /// which the caller then writes.
    /// </summary>
    public static void Settle(RollupState state, IReadOnlyList<KeyValuePair<string, long>> settling)
    {
        var settled = state.Settled.Applied;
        foreach (var (child, seq) in settling)
        {
            if (seq > settled.GetValueOrDefault(child))
            {
                settled[child] = seq;
            }
        }
    }

    /// <summary>
    /// Once <see cref="RollupState.Settled"/> is durable, drops the settled children from the recent sequences, unless they
    /// merged more meanwhile. Safe in any order with merges: a child is always read as the higher of its two numbers.
    /// </summary>
    public static void Release(RollupState state, IReadOnlyList<KeyValuePair<string, long>> settling)
    {
        foreach (var (child, seq) in settling)
        {
            if (state.AppliedSeq.TryGetValue(child, out var recent) && recent == seq)
            {
                state.AppliedSeq.Remove(child);
            }
        }
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

    /// <summary>Closes the windows that have ended, once the roll-up is idle (<see cref="IdleWindows.Close"/>).</summary>
    public static List<WindowResult> CloseIfIdle(RollupState state, WindowOptions options, DateTimeOffset now) =>
        IdleWindows.Close(state.Windows, state.LastReceivedAt, options, now);

    /// <summary>When <see cref="CloseIfIdle"/> would next close something (<see cref="IdleWindows.CheckAt"/>).</summary>
    public static DateTimeOffset? IdleCheckAt(RollupState state, WindowOptions options) =>
        IdleWindows.CheckAt(state.Windows, state.LastReceivedAt, options);

    /// <summary>When the roll-up's open windows will all have closed (<see cref="IdleWindows.AllClosedAt"/>).</summary>
    public static DateTimeOffset? AllClosedAt(RollupState state, WindowOptions options) =>
        IdleWindows.AllClosedAt(state.Windows, state.LastReceivedAt, options);
}
