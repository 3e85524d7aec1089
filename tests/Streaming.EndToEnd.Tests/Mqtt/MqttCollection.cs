namespace Streaming.EndToEnd.Tests;

/// <summary>The MQTT tests run one after another: each drives a broker and a silo hard, and the machine has two cores.</summary>
[CollectionDefinition(Name)]
public sealed class MqttCollection
{
    public const string Name = "Mqtt";
}
