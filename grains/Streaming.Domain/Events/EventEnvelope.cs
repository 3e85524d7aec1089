namespace Streaming.Domain;

/// <summary>
/// One decoded observation from any transport, before cleaning. <see cref="Id"/> is the dedupe key;
/// <see cref="EventTime"/> comes from the payload, the ingest time is in <see cref="Provenance"/>.
/// </summary>
/// <param name="Id">Dedupe key, stable across redelivery.</param>
/// <param name="Source">The producing system or device.</param>
/// <param name="Kind">Sensor, social, media or record.</param>
/// <param name="Entity">The entity, when the sender named it; otherwise linking decides.</param>
/// <param name="EventTime">When it happened, per the payload.</param>
/// <param name="Sequence">The sender's sequence number, when it gave one.</param>
/// <param name="Provenance">Transport, channel and ingest time.</param>
/// <param name="Payload">The kind-specific body.</param>
[GenerateSerializer, Immutable, Alias("streaming.envelope.v1")]
public sealed record EventEnvelope(
    [property: Id(0)] EnvelopeId Id,
    [property: Id(1)] SourceId Source,
    [property: Id(2)] EventKind Kind,
    [property: Id(3)] EntityKey? Entity,
    [property: Id(4)] DateTimeOffset EventTime,
    [property: Id(5)] long? Sequence,
    [property: Id(6)] Provenance Provenance,
    [property: Id(7)] Payload Payload)
{
    /// <summary>The entity this event updates: the one named, or the source's own.</summary>
    public EntityKey ResolvedEntity => Entity ?? EntityKey.ForSource(Source);
}
