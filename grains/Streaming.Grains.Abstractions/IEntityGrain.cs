using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>One entity's ingest side: applies clean events to its current values and windows.</summary>
public interface IEntityGrain : IGrainWithStringKey
{
    /// <summary>Applies clean events in order; returns each one's outcome once the result is durable.</summary>
    Task<ApplyOutcome[]> Apply(CleanEvent[] batch);

    /// <summary>Applies a system-of-record row linked to this entity by <paramref name="reason"/>.</summary>
    Task<ApplyOutcome> ApplyRecord(EventEnvelope record, string reason);

    /// <summary>Forgets a wrong link to a system-of-record row.</summary>
    Task RemoveRecord(string system, string localId);
}
