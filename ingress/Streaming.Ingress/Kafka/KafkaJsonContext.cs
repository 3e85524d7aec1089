using System.Text.Json;
using System.Text.Json.Serialization;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress;

/// <summary>
/// Source-generated JSON for the output topics' values: web defaults (camelCase), enums as strings, and NaN written
/// as <c>"NaN"</c> rather than failing (an empty window's statistics are NaN).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(CleanEventMessage))]
[JsonSerializable(typeof(WindowMessage))]
[JsonSerializable(typeof(EntitySnapshot))]
[JsonSerializable(typeof(DeadLetter))]
[JsonSerializable(typeof(AlertMessage))]
internal sealed partial class KafkaJsonContext : JsonSerializerContext;
