namespace Streaming.Domain;

/// <summary>Where and when an event was received, kept with it so any output can be traced back.</summary>
/// <param name="Transport">The transport it came by.</param>
/// <param name="Channel">The MQTT topic, Kafka topic or HTTP path.</param>
/// <param name="Partition">Kafka partition, when it came from Kafka.</param>
/// <param name="Offset">Kafka offset, when it came from Kafka.</param>
/// <param name="ClientId">MQTT client id or authenticated HTTP caller, when known.</param>
/// <param name="ReceivedAt">Ingest time (processing time), kept apart from the event time.</param>
[GenerateSerializer, Immutable, Alias("streaming.provenance.v1")]
public sealed record Provenance(
    [property: Id(0)] Transport Transport,
    [property: Id(1)] string Channel,
    [property: Id(2)] int? Partition,
    [property: Id(3)] long? Offset,
    [property: Id(4)] string? ClientId,
    [property: Id(5)] DateTimeOffset ReceivedAt)
{
    /// <summary>Provenance of an event posted to an HTTP endpoint.</summary>
    public static Provenance Http(string path, DateTimeOffset receivedAt, string? caller = null) =>
        new(Transport.Http, path, null, null, caller, receivedAt);
}
