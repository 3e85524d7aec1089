using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>One entity's ingest side: applies clean events to its current values and windows.</summary>
public interface IEntityGrain : IGrainWithStringKey
{
    /// <summary>Applies clean events in order; returns each one's outcome once the result is durable.</summary>
    Task<ApplyOutcome[]> Apply(CleanEvent[] batch);
}
