namespace Streaming.Ingress;

/// <summary>How the silo takes in MQTT.</summary>
public enum MqttMode
{
    /// <summary>Runs its own broker (MQTTnet) and consumes every publish server-side. The default.</summary>
    Embedded,
    /// <summary>Subscribes to an external broker with shared subscriptions, so several silos split the load.</summary>
    Client,
    /// <summary>No MQTT.</summary>
    Off,
}
