using Confluent.Kafka;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>One consumed message: its position and either the body to ingest or its refusal (dead-lettered once its batch is durable).</summary>
/// <param name="Position">Topic, partition and offset.</param>
/// <param name="Generation">The assignment of the partition it was consumed under; its offset is stored only under the same one.</param>
/// <param name="Item">The body to ingest, or null when refused.</param>
/// <param name="Refused">The refusal (too large), or null.</param>
internal sealed record KafkaIngressEntry(TopicPartitionOffset Position, int Generation, IngestItem? Item, DeadLetter? Refused);
