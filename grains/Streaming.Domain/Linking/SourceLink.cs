namespace Streaming.Domain;

/// <summary>
/// A source's registration to an entity (a device installed at a practice, say), with why it was made.
/// Events from the source then update that entity, unless an event names its entity itself.
/// </summary>
/// <param name="Entity">The entity the source's events update.</param>
/// <param name="Reason">Why: <c>configuration</c>, <c>api</c>, or a record's match rule.</param>
/// <param name="Since">When the link was made.</param>
[GenerateSerializer, Immutable, Alias("streaming.source-link.v1")]
public sealed record SourceLink(
    [property: Id(0)] EntityKey Entity,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset Since)
{
    /// <summary>The envelope with its entity resolved through this link, when it did not name one.</summary>
    public EventEnvelope Apply(EventEnvelope envelope) => envelope.Entity is null ? envelope with { Entity = Entity } : envelope;
}
