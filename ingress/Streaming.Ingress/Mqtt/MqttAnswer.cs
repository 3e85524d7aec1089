using MQTTnet.Protocol;

namespace Streaming.Ingress;

/// <summary>
/// What the platform answers one publish: the MQTT 5 PUBACK reason code and text, and whether the sender must send it
/// again (nothing is acknowledged as stored that is not durable).
/// </summary>
/// <param name="Code">The PUBACK reason code (MQTT 5; a 3.1.1 PUBACK carries none).</param>
/// <param name="Reason">Why, in words, for a refusal; never the payload.</param>
/// <param name="Retry">The events could not be made durable: withhold a success PUBACK so the sender retries.</param>
public readonly record struct MqttAnswer(MqttPubAckReasonCode Code, string? Reason, bool Retry)
{
    /// <summary>Durable (what was refused inside it is dead-lettered).</summary>
    public static MqttAnswer Stored { get; } = new(MqttPubAckReasonCode.Success, null, false);

    /// <summary>Not durable: the sender must publish it again.</summary>
    public static MqttAnswer NotDurable { get; } =
        new(MqttPubAckReasonCode.ImplementationSpecificError, "not durable yet; publish it again", true);

    /// <summary>Refused and dead-lettered; sending it again will not help.</summary>
    public static MqttAnswer Refused(MqttPubAckReasonCode code, string reason) => new(code, reason, false);
}
