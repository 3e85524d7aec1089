using System.Buffers;

namespace Streaming.Ingress;

/// <summary>One publish as it reached the platform, from either the embedded broker or an external one.</summary>
/// <param name="Topic">The topic it was published to.</param>
/// <param name="Payload">Its payload (valid only until the handler returns; copied before queueing).</param>
/// <param name="ContentType">The MQTT 5 content type, if the sender set one.</param>
/// <param name="ClientId">The publishing client (embedded) or this silo's subscriber (client mode).</param>
public readonly record struct MqttInbound(string Topic, ReadOnlySequence<byte> Payload, string? ContentType, string ClientId);
