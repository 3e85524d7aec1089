namespace Streaming.Domain;

/// <summary>
/// A roll-up (an area, or the whole system): its windows and the sequence applied per child. Everything with an
/// <c>[Id]</c> is written on every commit, and its size follows the windows and the children that merged recently, not
/// every child the roll-up has had: the older children's sequences are settled (<see cref="RollupModel.Settle"/>) into
/// <see cref="Settled"/>, a record of its own.
/// </summary>
[GenerateSerializer, Alias("streaming.rollup-state.v1")]
public sealed class RollupState
{
    /// <summary>Windows over everything its children applied; final windows keep accumulators so late deltas can revise them.</summary>
    [Id(0)] public WindowSet Windows { get; set; } = new() { RetainAccumulators = true };

    /// <summary>
    /// Highest segment applied, per child key, for the children that merged something since they were last settled into
    /// <see cref="Settled"/> (a child in both has its higher number here). Use <see cref="RollupModel.AppliedFor"/> to read.
    /// </summary>
    public Dictionary<string, long> AppliedSeq { get => _appliedSeq; set => _appliedSeq = value; }

    [NonSerialized] private Dictionary<string, long> _appliedSeq = [];

    // Stored as one packed field (see ChildSequenceTable). States written before it hold the dictionary as field 1: read
    // it, write nothing there.
    [Id(5)]
    internal ChildSequenceTable PackedAppliedSeq
    {
        get => new(AppliedSeq);
        set => AppliedSeq = value.Map;
    }

    [Id(1)]
    internal Dictionary<string, long>? StoredAppliedSeq
    {
        get => null;
        set => AppliedSeq = value ?? AppliedSeq;
    }

    /// <summary>
    /// The settled sequences of the other children. Not part of this record (no <c>[Id]</c>): the roll-up grain keeps it in
    /// a record of its own and sets it here on activation.
    /// </summary>
    public SettledSequences Settled { get => _settled; set => _settled = value; }

    [NonSerialized] private SettledSequences _settled = new();

    /// <summary>What this roll-up owes its own parent.</summary>
    [Id(2)] public Outbox Outbox { get; set; } = new();

    /// <summary>Deltas merged since the last forward to the parent, not yet in the outbox.</summary>
    [Id(4)] public DeltaBuffer Unsent { get; set; } = new();

    /// <summary>Ingest time of the newest segment, for the idle timeout.</summary>
    [Id(3)] public DateTimeOffset? LastReceivedAt { get; set; }
}
