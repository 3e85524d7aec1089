namespace Streaming.Domain;

/// <summary>An event after cleaning: what the entity and its windows receive.</summary>
/// <param name="Id">Dedupe key, unchanged from the envelope.</param>
/// <param name="Source">Producing source.</param>
/// <param name="Entity">The entity it updates.</param>
/// <param name="Kind">Event kind.</param>
/// <param name="EventTime">When it happened.</param>
/// <param name="ReceivedAt">When the platform received it.</param>
/// <param name="Readings">Accepted readings (at least one).</param>
[GenerateSerializer, Immutable, Alias("streaming.clean-event.v1")]
public sealed record CleanEvent(
    [property: Id(0)] EnvelopeId Id,
    [property: Id(1)] SourceId Source,
    [property: Id(2)] EntityKey Entity,
    [property: Id(3)] EventKind Kind,
    [property: Id(4)] DateTimeOffset EventTime,
    [property: Id(5)] DateTimeOffset ReceivedAt,
    [property: Id(6)] CleanReading[] Readings)
{
    /// <summary>The terms a post contributes to its windows' trending list (its hashtags), if any.</summary>
    [Id(7)] public string[]? Terms { get; init; }

    /// <summary>The stored image an event carries, if any: what the dashboard may show of it.</summary>
    [Id(8)] public MediaRef? Media { get; init; }
}
