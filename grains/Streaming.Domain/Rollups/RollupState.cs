namespace Streaming.Domain;

/// <summary>A roll-up (an area, or the whole system): its windows and the sequence applied per child.</summary>
[GenerateSerializer, Alias("streaming.rollup-state.v1")]
public sealed class RollupState
{
    /// <summary>Windows over everything its children applied; final windows keep accumulators so late deltas can revise them.</summary>
    [Id(0)] public WindowSet Windows { get; set; } = new() { RetainAccumulators = true };

    /// <summary>Highest segment applied, per child key.</summary>
    [Id(1)] public Dictionary<string, long> AppliedSeq { get; set; } = [];

    /// <summary>What this roll-up owes its own parent.</summary>
    [Id(2)] public Outbox Outbox { get; set; } = new();

    /// <summary>Deltas merged since the last forward to the parent, not yet in the outbox.</summary>
    [Id(4)] public DeltaBuffer Unsent { get; set; } = new();

    /// <summary>Ingest time of the newest segment, for the idle timeout.</summary>
    [Id(3)] public DateTimeOffset? LastReceivedAt { get; set; }
}
