using System.Text.Json;
using System.Text.Json.Serialization;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Silo;

/// <summary>Source-generated JSON for the read API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(EntitySnapshot))]
[JsonSerializable(typeof(WindowView[]))]
[JsonSerializable(typeof(SourceHealth))]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(PlaceView))]
[JsonSerializable(typeof(PlaceView[]))]
[JsonSerializable(typeof(LinkRequest))]
[JsonSerializable(typeof(SourceLink))]
[JsonSerializable(typeof(RecordLinkDecision))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
