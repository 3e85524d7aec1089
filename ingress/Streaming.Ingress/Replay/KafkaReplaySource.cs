using Confluent.Kafka;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// Reads a plan's range from a Kafka ingest topic instead of the archive. Each partition starts at its first message
/// timestamped at or after <c>From</c> (<see cref="KafkaTimeSeeker"/>) and stops at its high watermark as it was at the
/// start or at its first message timestamped at or after <c>To</c>. Partitions are merged by message timestamp (ties by
/// partition), which with timestamps in order per partition is the order the messages were stamped; as the archive reader
/// does, one day (of message time) is held in memory and its envelopes are given in event-time order, ties in read order.
/// So the range is chosen by message timestamp and then by event time: an event whose message was stamped outside
/// [From, To) is not read. Manual assignment only: no consumer group is joined and nothing is committed.
/// </summary>
public sealed class KafkaReplaySource(string bootstrapServers, string topic, KafkaReplayDecoder decoder) : IReplaySource
{
    // Messages held per partition before it is paused, while the merge waits for the others.
    private const int MaxBuffered = 1000;

    /// <summary>How long one broker request or one wait for a message may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where each partition started; filled when <see cref="Read"/> starts.</summary>
    public IReadOnlyList<PartitionSeek> Seeks { get; private set; } = [];

    /// <inheritdoc />
    public long Done { get; private set; }
    /// <inheritdoc />
    public long Total { get; private set; }
    /// <inheritdoc />
    public int Skipped { get; private set; }

    /// <inheritdoc />
    public IEnumerable<EventEnvelope> Read(ReplayPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var consumer = new ConsumerBuilder<string?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers, GroupId = $"streaming-replay-{Guid.NewGuid():N}", EnableAutoCommit = false,
            EnableAutoOffsetStore = false, EnablePartitionEof = true, AutoOffsetReset = AutoOffsetReset.Error,
        }).Build();
        var seeker = new KafkaTimeSeeker(consumer, Timeout);
        Seeks = [.. seeker.Partitions(topic).Select(p => seeker.Seek(new TopicPartition(topic, p), plan.From))];
        Total = Seeks.Sum(s => s.High - s.Offset);
        var open = Seeks.Where(s => s.Offset < s.High).ToDictionary(s => s.Partition, s => new PartitionCursor(s.High));
        consumer.Assign(Seeks.Where(s => s.Offset < s.High).Select(s => new TopicPartitionOffset(topic, s.Partition, s.Offset)));
        var day = new List<EventEnvelope>();
        DateOnly? current = null;
        while (true)
        {
            Fill(consumer, open, plan.To, cancellationToken);
            if (open.Count == 0)
            {
                break;
            }
            var (partition, cursor) = open.MinBy(p => (p.Value.Buffer.Peek().Message.Timestamp.UnixTimestampMs, p.Key));
            var message = cursor.Buffer.Dequeue();
            if (cursor.Buffer.Count == 0 && !cursor.Finished)
            {
                consumer.Resume([new TopicPartition(topic, partition)]);
            }
            Done++;
            var at = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(message.Message.Timestamp.UnixTimestampMs).UtcDateTime);
            if (current != at)
            {
                foreach (var e in Ordered(day))
                {
                    yield return e;
                }
                day.Clear();
                current = at;
            }
            if (decoder.Decode(message) is { } envelopes)
            {
                day.AddRange(envelopes.Where(plan.Includes));
            }
            else
            {
                Skipped++;
            }
        }
        foreach (var e in Ordered(day))
        {
            yield return e;
        }
    }

    private static List<EventEnvelope> Ordered(List<EventEnvelope> day) => [.. day.Index().OrderBy(p => p.Item.EventTime.UtcTicks)
        .ThenBy(p => p.Index).Select(p => p.Item)];

    // Consumes until every open partition has a message to merge, closing those that reached their end.
    private void Fill(IConsumer<string?, byte[]?> consumer, Dictionary<int, PartitionCursor> open, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        foreach (var done in open.Where(p => p.Value.Finished && p.Value.Buffer.Count == 0).Select(p => p.Key).ToList())
        {
            open.Remove(done);
        }
        while (open.Values.Any(c => c.Buffer.Count == 0 && !c.Finished))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = consumer.Consume(Timeout)
                ?? throw new TimeoutException($"No message from {topic} within {Timeout} before the high watermarks captured at start.");
            if (!open.TryGetValue(result.Partition.Value, out var cursor) || cursor.Finished)
            {
                continue;
            }
            // EOF before the captured end means the broker dropped the rest (retention); the partition ends there.
            if (result.IsPartitionEOF || result.Offset.Value >= cursor.High
                || DateTimeOffset.FromUnixTimeMilliseconds(result.Message.Timestamp.UnixTimestampMs) >= to)
            {
                cursor.Finished = true;
                consumer.Pause([result.TopicPartition]);
            }
            else
            {
                cursor.Buffer.Enqueue(result);
                cursor.Finished = result.Offset.Value + 1 >= cursor.High;
                if (cursor.Buffer.Count >= MaxBuffered || cursor.Finished)
                {
                    consumer.Pause([result.TopicPartition]);
                }
            }
            if (cursor.Finished && cursor.Buffer.Count == 0)
            {
                open.Remove(result.Partition.Value);
            }
        }
    }

    private sealed class PartitionCursor(long high)
    {
        public long High { get; } = high;
        public Queue<ConsumeResult<string?, byte[]?>> Buffer { get; } = new();
        public bool Finished { get; set; }
    }
}
