using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streaming.Ingress;

/// <summary>
/// The consumer thread's state: the batch with the grains (one at a time, so each source keeps partition order), the
/// batch gathering behind it, the partitions owned and whether they are paused. Every method runs on the consumer thread
/// (rebalance handlers run inside <c>Consume</c>); only the submission itself runs elsewhere.
/// </summary>
internal sealed class KafkaIngressFlow(KafkaIngressSubmitter submitter, DeadLetterOffice deadLetters, KafkaIngressOptions o, ILogger logger)
{
    private readonly Dictionary<TopicPartition, int> _owned = [];
    private KafkaIngressBatch _pending = new();
    private (KafkaIngressBatch Batch, Task<bool> Durable)? _inFlight;
    private int _generation;
    private bool _paused;
    private bool _assignmentChanged;

    /// <summary>The current assignment of <paramref name="partition"/>, or -1 when not owned.</summary>
    public int Generation(TopicPartition partition) => _owned.GetValueOrDefault(partition, -1);

    public void Add(KafkaIngressEntry entry) => _pending.Add(entry);

    /// <summary>Completes a finished batch, submits the next, pauses or resumes; returns how long the next Consume may wait.</summary>
    public TimeSpan Step(IConsumer<string?, byte[]?> consumer)
    {
        if (_inFlight is { Durable.IsCompleted: true })
        {
            Complete(consumer);
        }
        if (_inFlight is null && _pending.Count > 0 && (_pending.Count >= o.MaxBatch || _pending.Age >= o.BatchLinger))
        {
            var batch = _pending.Take(o.MaxBatch);
            _inFlight = (batch, Task.Run(() => submitter.SubmitAsync(batch.Items())));
        }
        var full = _inFlight is not null && _pending.Count >= o.MaxBatch;
        if (full && (!_paused || _assignmentChanged))
        {
            consumer.Pause(consumer.Assignment);
            (_paused, _assignmentChanged) = (true, false);
            logger.Paused(_pending.Count);
        }
        else if (!full && _paused)
        {
            consumer.Resume(consumer.Assignment);
            _paused = false;
            logger.Resumed();
        }
        if (_paused)
        {
            // Nothing to fetch: wait for the grains, then poll at once (rebalances, heartbeats, max.poll.interval).
            _inFlight?.Durable.Wait(TimeSpan.FromMilliseconds(100));
            return TimeSpan.Zero;
        }
        return _inFlight is null && _pending.Count == 0 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromMilliseconds(2);
    }

    public void Assigned(IConsumer<string?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        _generation++;
        partitions.ForEach(p => _owned[p] = _generation);
        _assignmentChanged = true;
        logger.Assigned(string.Join(", ", partitions));
    }

    /// <summary>Partitions leave in an orderly way: the batch with the grains may finish first, so its offsets are stored and committed.</summary>
    public void Revoked(IConsumer<string?, byte[]?> consumer, List<TopicPartitionOffset> revoked)
    {
        Drain(consumer);
        logger.Revoked(string.Join(", ", revoked.Select(r => r.TopicPartition)), Forget(revoked));
    }

    /// <summary>Partitions already gone (session lost): nothing of theirs can be committed any more.</summary>
    public void Lost(IConsumer<string?, byte[]?> consumer, List<TopicPartitionOffset> lost) =>
        logger.Lost(string.Join(", ", lost.Select(r => r.TopicPartition)), Forget(lost));

    /// <summary>Waits (bounded) for the batch with the grains and completes it: on rebalance and on stop.</summary>
    public void Drain(IConsumer<string?, byte[]?> consumer)
    {
        if (_inFlight is not { } flight)
        {
            return;
        }
        if (flight.Durable.Wait(o.DrainTimeout))
        {
            Complete(consumer);
        }
        else
        {
            logger.DrainTimedOut(o.DrainTimeout);
        }
    }

    private int Forget(List<TopicPartitionOffset> partitions)
    {
        var gone = partitions.Select(p => p.TopicPartition).ToHashSet();
        gone.ToList().ForEach(p => _owned.Remove(p));
        _assignmentChanged = true;
        return _pending.RemovePartitions(gone);
    }

    private void Complete(IConsumer<string?, byte[]?> consumer)
    {
        var (batch, durable) = _inFlight!.Value;
        _inFlight = null;
        if (durable.Result)
        {
            foreach (var letter in batch.Refused())
            {
                deadLetters.Post(letter);
            }
            foreach (var (partition, generation, next) in batch.Ends().Where(e => Generation(e.Partition) == e.Generation))
            {
                consumer.TryStoreOffset(new TopicPartitionOffset(partition, next), logger);
            }
            return;
        }
        // Given up: nothing of this batch or behind it is stored; consume it all again from its first offset.
        var starts = batch.Starts().Concat(_pending.Starts())
            .Where(s => Generation(s.Partition) == s.Generation)
            .GroupBy(s => s.Partition)
            .Select(g => new TopicPartitionOffset(g.Key, g.Min(s => s.First.Value)))
            .ToList();
        _pending = new KafkaIngressBatch();
        logger.SeekingBack(string.Join(", ", starts));
        starts.ForEach(s => consumer.TrySeek(s, logger));
    }
}
