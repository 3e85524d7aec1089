using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Ingress;

/// <summary>Source-generated JSON for archive lines. Named literals keep a NaN reading (refused, but sent) as sent.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ArchivedEvent))]
public sealed partial class ArchiveJsonContext : JsonSerializerContext;
