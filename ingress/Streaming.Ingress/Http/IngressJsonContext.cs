using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Ingress;

/// <summary>Source-generated JSON for the ingest endpoint's answers.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(ProblemResponse))]
[JsonSerializable(typeof(IReadOnlyList<Streaming.Domain.DeadLetter>))]
public sealed partial class IngressJsonContext : JsonSerializerContext;
