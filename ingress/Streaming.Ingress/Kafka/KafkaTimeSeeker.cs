using Confluent.Kafka;

namespace Streaming.Ingress;

/// <summary>
/// Finds, per partition of a topic, the first offset whose message timestamp is at or after a time. It asks the broker
/// first (OffsetsForTimes, what a real Kafka cluster answers from its time index); when the answer is End or an error
/// although the partition's newest message is not older than the time (a broker without the lookup, such as librdkafka's
/// mock cluster, which answers End to everything), it binary-searches [low, high) by reading single messages by offset
/// (<see cref="TimestampSearch"/>). The search relies only on the partition's timestamps never going back, which holds
/// for CreateTime set by producers that stamp in order (ours do) and for LogAppendTime; with out-of-order producer
/// timestamps it lands on a crossing, not necessarily the first. Uses the consumer by manual assignment only: it never
/// joins or commits to a group, and leaves the consumer's assignment changed.
/// </summary>
public sealed class KafkaTimeSeeker(IConsumer<string?, byte[]?> consumer, TimeSpan timeout)
{
    /// <summary>The topic's partitions, from the cluster metadata.</summary>
    public IReadOnlyList<int> Partitions(string topic)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, timeout).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError)
        {
            throw new KafkaException(metadata?.Error ?? new Error(Confluent.Kafka.ErrorCode.UnknownTopicOrPart, $"no metadata for topic {topic}"));
        }
        return [.. metadata.Partitions.Select(p => p.PartitionId).Order()];
    }

    /// <summary>Where <paramref name="partition"/>'s messages at or after <paramref name="time"/> start.</summary>
    public PartitionSeek Seek(TopicPartition partition, DateTimeOffset time)
    {
        var watermarks = consumer.QueryWatermarkOffsets(partition, timeout);
        long low = watermarks.Low.Value, high = watermarks.High.Value;
        if (high <= low)
        {
            return new PartitionSeek(partition.Partition.Value, low, high, high, Searched: false, Probes: 0);
        }
        if (Lookup(partition, time) is { } found && found >= low && found < high)
        {
            return new PartitionSeek(partition.Partition.Value, low, high, found, Searched: false, Probes: 0);
        }
        // End (or an error) is the right answer only if the newest message is older than the time: check it, else search.
        var probes = 0;
        DateTimeOffset At(long offset)
        {
            probes++;
            return TimestampAt(partition, offset);
        }
        if (At(high - 1) < time)
        {
            return new PartitionSeek(partition.Partition.Value, low, high, high, Searched: false, probes);
        }
        var first = TimestampSearch.FirstAtOrAfter(low, high - 1, time, At);
        return new PartitionSeek(partition.Partition.Value, low, high, first, Searched: true, probes);
    }

    private long? Lookup(TopicPartition partition, DateTimeOffset time)
    {
        try
        {
            var answer = consumer.OffsetsForTimes([new TopicPartitionTimestamp(partition, new Timestamp(time))], timeout);
            return answer is [{ Offset.IsSpecial: false } only] ? only.Offset.Value : null;
        }
        catch (KafkaException)
        {
            // A broker without the lookup (or one that fails it) is answered by the search instead; nothing is lost.
            return null;
        }
    }

    /// <summary>
    /// The timestamp of the first message at or after <paramref name="offset"/> (offsets may have gaps: compaction,
    /// transaction markers), or <see cref="DateTimeOffset.MaxValue"/> when the partition ends before one.
    /// </summary>
    private DateTimeOffset TimestampAt(TopicPartition partition, long offset)
    {
        consumer.Assign(new TopicPartitionOffset(partition, offset));
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(deadline - DateTime.UtcNow);
            if (result is null || result.TopicPartition != partition)
            {
                continue;
            }
            if (result.IsPartitionEOF)
            {
                return DateTimeOffset.MaxValue;
            }
            if (result.Offset.Value >= offset)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(result.Message.Timestamp.UnixTimestampMs);
            }
        }
        throw new TimeoutException($"No message at or after offset {offset} of {partition} within {timeout}.");
    }
}
