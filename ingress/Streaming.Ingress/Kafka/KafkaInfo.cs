namespace Streaming.Ingress;

/// <summary>The Kafka output as <c>GET /api/info</c> shows it.</summary>
/// <param name="BootstrapServers">Where a consumer connects.</param>
/// <param name="Embedded">True when that is the in-process, in-memory embedded broker.</param>
/// <param name="Topics">The topics by role: clean, entities, aggregates, alerts, deadLetter (output) and ingest (input).</param>
internal sealed record KafkaInfo(string BootstrapServers, bool Embedded, Dictionary<string, string> Topics);
