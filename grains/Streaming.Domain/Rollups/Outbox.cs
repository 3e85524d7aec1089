namespace Streaming.Domain;

/// <summary>
/// Deltas a child owes its roll-up, kept in the child's persisted state until the roll-up confirms it has
/// durably applied them. With the roll-up's per-child sequence check this gives exactly-once roll-ups over
/// at-least-once calls: a crash on either side means a resend, never a loss or a double count.
/// </summary>
[GenerateSerializer, Alias("streaming.outbox.v1")]
public sealed class Outbox
{
    /// <summary>The sequence number of the newest segment.</summary>
    [Id(0)] public long LastSeq { get; set; }

    /// <summary>Segments not yet confirmed, oldest first.</summary>
    [Id(1)] public List<RollupSegment> Pending { get; set; } = [];

    /// <summary>Queues a segment for the deltas, unless there are none.</summary>
    public void Enqueue(WindowDelta[] deltas)
    {
        if (deltas.Length > 0)
        {
            Pending.Add(new RollupSegment(++LastSeq, deltas));
        }
    }

    /// <summary>Drops the segments the roll-up has confirmed.</summary>
    public void Confirm(long appliedUpTo) => Pending.RemoveAll(s => s.Seq <= appliedUpTo);
}
