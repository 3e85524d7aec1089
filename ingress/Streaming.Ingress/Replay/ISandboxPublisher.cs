namespace Streaming.Ingress;

/// <summary>Where a completed sandbox run's windows go beyond its grains: its own Kafka topic, never the live ones.</summary>
public interface ISandboxPublisher
{
    /// <summary>The topic the sandbox's windows go to, or null when nothing is published (Kafka disabled).</summary>
    string? TopicFor(string sandbox);

    /// <summary>Publishes every owner's windows of the sandbox. Fire and forget, as live windows are.</summary>
    void Publish(string sandbox, IReadOnlyList<SandboxOwner> owners);
}
