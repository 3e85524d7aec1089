using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// Where a replay reads its envelopes: the on-disk archive (<see cref="ArchiveReader"/>) or the Kafka ingest topic
/// (<see cref="KafkaReplaySource"/>). One source serves one run.
/// </summary>
public interface IReplaySource
{
    /// <summary>The plan's envelopes in replay order (event time, ties in the order they were read).</summary>
    IEnumerable<EventEnvelope> Read(ReplayPlan plan, CancellationToken cancellationToken = default);

    /// <summary>Work done so far, in the source's unit (archive bytes, Kafka messages), for progress.</summary>
    long Done { get; }

    /// <summary>All the work of the run in the same unit; known once <see cref="Read"/> has started, 0 before.</summary>
    long Total { get; }

    /// <summary>Lines or messages that could not be read back.</summary>
    int Skipped { get; }
}
