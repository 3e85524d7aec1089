using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// Where every refusal goes, from any transport and stage: counted per stage and reason, logged at Warning
/// without its payload, written to the dead-letter topic, and kept in a bounded in-memory list of the most
/// recent ones for <c>GET /api/deadletters</c> and resubmission.
/// </summary>
public sealed partial class DeadLetterOffice(IEnumerable<IDeadLetterWriter> writers, IMeterFactory meters, ILogger<DeadLetterOffice> logger)
{
    /// <summary>How many recent dead letters each silo keeps in memory.</summary>
    public const int RecentCapacity = 1000;

    private readonly Counter<long> _counter = meters.Create(StreamingMeter.Name).CreateCounter<long>("streaming.deadletter", "{item}",
        "Items refused, by stage and reason");
    private readonly ConcurrentDictionary<(DeadLetterStage Stage, string Reason), long> _counts = new();
    private readonly LinkedList<DeadLetter> _recent = [];
    private readonly Lock _lock = new();

    /// <summary>Refuses one item: counts, logs, writes and remembers it.</summary>
    public void Post(DeadLetter letter)
    {
        _counter.Add(1, new("stage", letter.Stage.ToString()), new("reason", letter.Reason));
        _counts.AddOrUpdate((letter.Stage, letter.Reason), 1, (_, n) => n + 1);
        LogDeadLetter(letter.Stage, letter.Reason, letter.Provenance.Transport, letter.Provenance.Channel, letter.Source, letter.Detail);
        foreach (var writer in writers)
        {
            writer.Write(letter);
        }
        lock (_lock)
        {
            _recent.AddFirst(letter);
            if (_recent.Count > RecentCapacity)
            {
                _recent.RemoveLast();
            }
        }
    }

    /// <summary>The most recent dead letters, newest first, optionally of one stage or reason.</summary>
    public IReadOnlyList<DeadLetter> Recent(DeadLetterStage? stage, string? reason, int limit)
    {
        lock (_lock)
        {
            return [.. _recent.Where(l => (stage is null || l.Stage == stage) && (reason is null || l.Reason == reason)).Take(limit)];
        }
    }

    /// <summary>Every dead letter posted since start-up, counted per stage and reason (the recent list is capped; these are not).</summary>
    public IReadOnlyList<DeadLetterCount> Counts() =>
        [.. _counts.Select(c => new DeadLetterCount(c.Key.Stage, c.Key.Reason, c.Value)).OrderBy(c => c.Stage).ThenBy(c => c.Reason, StringComparer.Ordinal)];

    /// <summary>A recent dead letter by id, and removes it (it is being resubmitted).</summary>
    public DeadLetter? Take(string id)
    {
        lock (_lock)
        {
            var node = _recent.First;
            while (node is not null && node.Value.Id != id)
            {
                node = node.Next;
            }
            if (node is null)
            {
                return null;
            }
            _recent.Remove(node);
            return node.Value;
        }
    }

    [LoggerMessage(1101, LogLevel.Warning, "Dead letter at {Stage}: {Reason} ({Transport} {Channel}, source {Source}): {Detail}")]
    private partial void LogDeadLetter(DeadLetterStage stage, string reason, Transport transport, string channel, string? source, string detail);
}
