namespace Streaming.Domain;

/// <summary>The system or device that produced an event (an MQTT client, a Kafka producer, an app).</summary>
[GenerateSerializer, Immutable, Alias("streaming.source-id.v1")]
public readonly record struct SourceId([property: Id(0)] string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
