using System.Globalization;
using Confluent.Kafka;

namespace Streaming.Ingress;

/// <summary>The Kafka ingress consumer's librdkafka settings.</summary>
internal static class KafkaIngressConsumerConfig
{
    public static ConsumerConfig Create(KafkaOptions kafka, KafkaIngressOptions o, string bootstrapServers)
    {
        var config = new ConsumerConfig(new Dictionary<string, string>(o.Consumer))
        {
            BootstrapServers = bootstrapServers,
            GroupId = o.GroupId,
            // Not negotiable: an offset is stored only once its events are durable; librdkafka commits what is stored
            // (periodically, on rebalance and on Close), so a crash redelivers at most the uncommitted tail.
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            MaxPollIntervalMs = (int)o.MaxPollInterval.TotalMilliseconds,
        };
        // Defaults that a pass-through setting may override.
        SetDefault("client.id", "streaming-ingress");
        // A new group starts at the beginning: nothing already on the topic is skipped.
        SetDefault("auto.offset.reset", "earliest");
        // A fetch that finds nothing waits this long for data. A broker that answers only when the wait ends (librdkafka's
        // mock cluster, the embedded default) would otherwise add up to the default 500 ms to every event; a Kafka broker
        // answers as soon as data arrives, so there this only makes an idle consumer fetch about 50 times a second.
        SetDefault("fetch.wait.max.ms", "20");
        // Bounds librdkafka's own prefetch (default 64 MiB) so a paused consumer holds little in memory.
        SetDefault("queued.max.messages.kbytes", (16 * 1024).ToString(CultureInfo.InvariantCulture));
        kafka.ApplySecurity(config);
        return config;

        void SetDefault(string key, string value)
        {
            if (!o.Consumer.ContainsKey(key))
            {
                config.Set(key, value);
            }
        }
    }
}
