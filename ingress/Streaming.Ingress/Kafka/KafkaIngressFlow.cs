using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streaming.Ingress;

/// <summary>
/// The consumer thread's state, one lane per partition: the batch with the grains (one at a time per partition, so each
/// source keeps partition order), the batch gathering behind it, and whether the partition is paused. Partitions go to
/// the grains side by side, so one slow batch holds back its own partition only. Every method runs on the consumer thread
/// (rebalance handlers run inside <c>Consume</c>); only the submissions themselves run elsewhere.
/// </summary>
internal sealed class KafkaIngressFlow(KafkaIngressSubmitter submitter, DeadLetterOffice deadLetters, KafkaIngressOptions o, ILogger logger)
{
    private readonly Dictionary<TopicPartition, int> _owned = [];
    private readonly Dictionary<TopicPartition, Lane> _lanes = [];
    private int _generation;

    private sealed class Lane
    {
        public KafkaIngressBatch Pending { get; set; } = new();
        public (KafkaIngressBatch Batch, Task<bool> Durable)? InFlight { get; set; }
        public bool Paused { get; set; }
        public bool Idle => InFlight is null && Pending.Count == 0;
    }

    /// <summary>The current assignment of <paramref name="partition"/>, or -1 when not owned.</summary>
    public int Generation(TopicPartition partition) => _owned.GetValueOrDefault(partition, -1);

    public void Add(KafkaIngressEntry entry)
    {
        var partition = entry.Position.TopicPartition;
        if (!_lanes.TryGetValue(partition, out var lane))
        {
            _lanes[partition] = lane = new Lane();
        }
        lane.Pending.Add(entry);
    }

    /// <summary>Completes finished batches, submits the next, pauses or resumes; returns how long the next Consume may wait.</summary>
    public TimeSpan Step(IConsumer<string?, byte[]?> consumer)
    {
        var busy = false;
        var allPaused = _lanes.Count > 0;
        foreach (var (partition, lane) in _lanes)
        {
            if (lane.InFlight is { Durable.IsCompleted: true })
            {
                Complete(consumer, partition, lane);
            }
            if (lane.InFlight is null && lane.Pending.Count > 0 && (lane.Pending.Count >= o.MaxBatch || lane.Pending.Age >= o.BatchLinger))
            {
                var batch = lane.Pending.Take(o.MaxBatch);
                lane.InFlight = (batch, Task.Run(() => submitter.SubmitAsync(batch.Items())));
            }
            var full = lane.InFlight is not null && lane.Pending.Count >= o.MaxBatch;
            if (full != lane.Paused && _owned.ContainsKey(partition))
            {
                if (full)
                {
                    consumer.Pause([partition]);
                    logger.Paused(lane.Pending.Count);
                }
                else
                {
                    consumer.Resume([partition]);
                    logger.Resumed();
                }
                lane.Paused = full;
            }
            busy |= !lane.Idle;
            allPaused &= lane.Paused;
        }
        if (_lanes.Count > _owned.Count) // lanes of partitions gone, kept until their batch finished
        {
            foreach (var gone in _lanes.Where(l => l.Value.Idle && !_owned.ContainsKey(l.Key)).Select(l => l.Key).ToList())
            {
                _lanes.Remove(gone);
            }
        }
        if (allPaused && _lanes.Count == _owned.Count)
        {
            // Nothing to fetch: wait for the grains, then poll at once (rebalances, heartbeats, max.poll.interval).
            Task.WaitAny([.. _lanes.Values.Select(l => l.InFlight!.Value.Durable)], TimeSpan.FromMilliseconds(100));
            return TimeSpan.Zero;
        }
        return busy ? TimeSpan.FromMilliseconds(2) : TimeSpan.FromMilliseconds(100);
    }

    public void Assigned(IConsumer<string?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        _generation++;
        partitions.ForEach(p => _owned[p] = _generation);
        logger.Assigned(string.Join(", ", partitions));
    }

    /// <summary>Partitions leave in an orderly way: the batches with the grains may finish first, so their offsets are stored and committed.</summary>
    public void Revoked(IConsumer<string?, byte[]?> consumer, List<TopicPartitionOffset> revoked)
    {
        Drain(consumer);
        logger.Revoked(string.Join(", ", revoked.Select(r => r.TopicPartition)), Forget(revoked));
    }

    /// <summary>Partitions already gone (session lost): nothing of theirs can be committed any more.</summary>
    public void Lost(IConsumer<string?, byte[]?> consumer, List<TopicPartitionOffset> lost) =>
        logger.Lost(string.Join(", ", lost.Select(r => r.TopicPartition)), Forget(lost));

    /// <summary>Waits (bounded, for all together) for the batches with the grains and completes them: on rebalance and on stop.</summary>
    public void Drain(IConsumer<string?, byte[]?> consumer)
    {
        var flying = _lanes.Where(l => l.Value.InFlight is not null).ToList();
        if (flying.Count == 0)
        {
            return;
        }
        if (!Task.WaitAll([.. flying.Select(l => (Task)l.Value.InFlight!.Value.Durable)], o.DrainTimeout))
        {
            logger.DrainTimedOut(o.DrainTimeout);
        }
        foreach (var (partition, lane) in flying.Where(l => l.Value.InFlight!.Value.Durable.IsCompleted))
        {
            Complete(consumer, partition, lane);
        }
    }

    // What gathered behind a revoked or lost partition's batch is dropped (its next owner consumes it); the batch with the
    // grains finishes, but its offsets no longer belong to this assignment.
    private int Forget(List<TopicPartitionOffset> partitions)
    {
        var dropped = 0;
        foreach (var partition in partitions.Select(p => p.TopicPartition))
        {
            _owned.Remove(partition);
            if (_lanes.TryGetValue(partition, out var lane))
            {
                dropped += lane.Pending.Count;
                (lane.Pending, lane.Paused) = (new KafkaIngressBatch(), false);
            }
        }
        return dropped;
    }

    private void Complete(IConsumer<string?, byte[]?> consumer, TopicPartition partition, Lane lane)
    {
        var (batch, durable) = lane.InFlight!.Value;
        lane.InFlight = null;
        if (durable.Result)
        {
            foreach (var letter in batch.Refused())
            {
                deadLetters.Post(letter);
            }
            foreach (var end in batch.Ends().Where(e => Generation(e.Partition) == e.Generation))
            {
                consumer.TryStoreOffset(new TopicPartitionOffset(partition, end.Next), logger);
            }
            return;
        }
        // Given up: nothing of this batch or behind it is stored; consume the partition again from the batch's first offset.
        var start = batch.Starts().Concat(lane.Pending.Starts())
            .Where(s => Generation(s.Partition) == s.Generation)
            .Select(s => s.First.Value)
            .DefaultIfEmpty(-1).Min();
        lane.Pending = new KafkaIngressBatch();
        if (start >= 0)
        {
            var offset = new TopicPartitionOffset(partition, start);
            logger.SeekingBack(offset.ToString());
            consumer.TrySeek(offset, logger);
        }
    }
}
