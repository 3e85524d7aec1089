using System.Text.Json;
using System.Text.Json.Serialization;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress;

/// <summary>
/// Source-generated JSON for the output topics' values that carry only finite numbers (cleaning rejects the rest): web
/// defaults (camelCase), enums as strings. Without custom number handling the generator's fast path writes them.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CleanEventMessage))]
[JsonSerializable(typeof(EntitySnapshot))]
[JsonSerializable(typeof(DeadLetter))]
internal sealed partial class KafkaJsonContext : JsonSerializerContext;

/// <summary>
/// Source-generated JSON for window statistics, as <see cref="KafkaJsonContext"/> but with NaN written as <c>"NaN"</c>
/// rather than failing (an empty window's statistics are NaN).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(WindowMessage))]
[JsonSerializable(typeof(AlertMessage))]
internal sealed partial class KafkaStatisticsJsonContext : JsonSerializerContext;
