namespace Streaming.Domain;

/// <summary>What applying a batch changed: per-event outcomes (input order), window emissions, and deltas for the roll-up.</summary>
public sealed record EntityBatchResult(ApplyOutcome[] Outcomes, List<WindowResult> Emitted, WindowDelta[] Deltas);
