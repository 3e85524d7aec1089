namespace Streaming.Ingress;

/// <summary>
/// Publishes a sandbox's windows to <see cref="Topics.SandboxAggregates"/> through the silo's shared producer, one
/// message per window as on <see cref="Topics.Aggregates"/> (same key, headers and JSON). On the embedded broker the topic
/// is created first, as the live topics are; on a real cluster it must exist or be auto-created by the cluster.
/// </summary>
public sealed class KafkaSandboxPublisher(KafkaOutputProducer producer, EmbeddedKafkaBroker? broker = null) : ISandboxPublisher
{
    /// <inheritdoc />
    public string? TopicFor(string sandbox) => Topics.SandboxAggregates(sandbox);

    /// <inheritdoc />
    public void Publish(string sandbox, IReadOnlyList<SandboxOwner> owners)
    {
        var topic = Topics.SandboxAggregates(sandbox);
        broker?.CreateTopic(topic);
        foreach (var owner in owners)
        {
            foreach (var w in owner.Windows)
            {
                producer.ProduceUnawaited(topic, CloudEventMessages.Window(owner.Owner, w));
            }
        }
    }
}
