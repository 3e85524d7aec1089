using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Ingress;

/// <summary>Source-generated JSON for export rows (JSON Lines).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ReplayRow))]
public sealed partial class ReplayJsonContext : JsonSerializerContext;
