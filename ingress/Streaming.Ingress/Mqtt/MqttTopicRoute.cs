using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>What a publish topic says: the kind of payload, its source and, for <c>sensors/{source}/{metric}</c>, its metric.</summary>
public sealed record MqttTopicRoute(EventKind Kind, SourceId Source, string? Metric);
