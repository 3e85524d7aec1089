using System.Diagnostics;
using Confluent.Kafka;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>Consumed messages that go to the grains together, in consumption order (so in partition order).</summary>
internal sealed class KafkaIngressBatch
{
    private readonly List<KafkaIngressEntry> _entries = [];
    private long _firstAt;

    public int Count => _entries.Count;

    /// <summary>How long since the first message arrived.</summary>
    public TimeSpan Age => _entries.Count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_firstAt);

    public void Add(KafkaIngressEntry entry)
    {
        if (_entries.Count == 0)
        {
            _firstAt = Stopwatch.GetTimestamp();
        }
        _entries.Add(entry);
    }

    /// <summary>Moves the first <paramref name="count"/> messages into a batch of their own.</summary>
    public KafkaIngressBatch Take(int count)
    {
        var taken = new KafkaIngressBatch { _firstAt = _firstAt };
        var n = Math.Min(count, _entries.Count);
        taken._entries.AddRange(_entries.Take(n));
        _entries.RemoveRange(0, n);
        _firstAt = Stopwatch.GetTimestamp();
        return taken;
    }

    /// <summary>The bodies to ingest (refused messages left out).</summary>
    public IReadOnlyList<IngestItem> Items() => [.. _entries.Where(e => e.Item is not null).Select(e => e.Item!)];

    /// <summary>Refusals, to dead-letter once the batch is durable (so a redelivered batch does not dead-letter twice).</summary>
    public IEnumerable<DeadLetter> Refused() => _entries.Where(e => e.Refused is not null).Select(e => e.Refused!);

    /// <summary>Per partition (and assignment): the offset to store once the batch is durable, the last one + 1.</summary>
    public IEnumerable<(TopicPartition Partition, int Generation, Offset Next)> Ends() =>
        _entries.GroupBy(e => (e.Position.TopicPartition, e.Generation))
            .Select(g => (g.Key.TopicPartition, g.Key.Generation, new Offset(g.Max(e => e.Position.Offset.Value) + 1)));

    /// <summary>Per partition (and assignment): the first offset, where to seek back to have the batch redelivered.</summary>
    public IEnumerable<(TopicPartition Partition, int Generation, Offset First)> Starts() =>
        _entries.GroupBy(e => (e.Position.TopicPartition, e.Generation))
            .Select(g => (g.Key.TopicPartition, g.Key.Generation, new Offset(g.Min(e => e.Position.Offset.Value))));

    public void Clear() => _entries.Clear();
}
