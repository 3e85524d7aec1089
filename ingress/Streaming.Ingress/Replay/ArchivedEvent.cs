using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>One line of the archive: an accepted envelope, field for field, so it reads back into the same envelope.</summary>
public sealed record ArchivedEvent(
    string Id, string Source, EventKind Kind, string? Entity, DateTimeOffset EventTime, long? Seq,
    Provenance Provenance, ArchivedPayload Payload)
{
    /// <summary>The archived form of an envelope.</summary>
    public static ArchivedEvent From(EventEnvelope e) =>
        new(e.Id.Value, e.Source.Value, e.Kind, e.Entity?.Value, e.EventTime, e.Sequence, e.Provenance, ArchivedPayload.From(e.Payload));

    /// <summary>The envelope this line stands for.</summary>
    public EventEnvelope ToEnvelope() =>
        new(new EnvelopeId(Id), new SourceId(Source), Kind, Entity is null ? null : new EntityKey(Entity), EventTime, Seq,
            Provenance, Payload.ToPayload());
}
