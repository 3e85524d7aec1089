namespace Streaming.Domain;

/// <summary>The twin of one entity: current values, windows, and what it has applied. Mutated only by <see cref="EntityModel"/>.</summary>
[GenerateSerializer, Alias("streaming.entity-state.v1")]
public sealed class EntityState
{
    /// <summary>Current value per canonical metric.</summary>
    [Id(0)] public Dictionary<string, CurrentValue> Current { get; set; } = [];

    /// <summary>Event-time windows per metric.</summary>
    [Id(1)] public WindowSet Windows { get; set; } = new();

    /// <summary>Envelope ids applied recently, so a redelivered event is not counted twice.</summary>
    [Id(2)] public DedupeMemory<EnvelopeId> Applied { get; set; } = new();

    /// <summary>Events applied.</summary>
    [Id(3)] public long EventsApplied { get; set; }

    /// <summary>Events older than the watermark, sent to the late side output.</summary>
    [Id(4)] public long EventsLate { get; set; }

    /// <summary>Redelivered events dropped.</summary>
    [Id(5)] public long Duplicates { get; set; }

    /// <summary>Ingest time of the newest event received, for the idle timeout.</summary>
    [Id(6)] public DateTimeOffset? LastReceivedAt { get; set; }

    /// <summary>Deltas owed to the area roll-up.</summary>
    [Id(7)] public Outbox Outbox { get; set; } = new();

    /// <summary>The area this entity rolls up to; <c>unassigned</c> until linking places it.</summary>
    [Id(8)] public string Area { get; set; } = "unassigned";

    /// <summary>Attributes from systems of record, by field name (the newest record's value wins).</summary>
    [Id(9)] public Dictionary<string, string> Attributes { get; set; } = [];

    /// <summary>The system-of-record rows linked to this entity, with the rule that linked each.</summary>
    [Id(10)] public List<RecordLink> Records { get; set; } = [];

    /// <summary>The newest images linked to this entity (at most <see cref="EntityModel.RecentMediaKept"/>), newest first.</summary>
    [Id(11)] public List<RecentMedia> RecentMedia { get; set; } = [];
}
