namespace Streaming.Ingress;

/// <summary>The answer of <c>GET /api/info</c>: where to reach this silo and its outputs.</summary>
/// <param name="Http">The first HTTP address the silo listens on.</param>
/// <param name="HttpUrls">Every HTTP address it listens on.</param>
/// <param name="Kafka">The Kafka output, or null when <c>Kafka:Enabled</c> is false.</param>
internal sealed record InfoResponse(string? Http, string[] HttpUrls, KafkaInfo? Kafka);
