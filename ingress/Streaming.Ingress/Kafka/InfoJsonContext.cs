using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Ingress;

/// <summary>Source-generated JSON for <c>GET /api/info</c>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(InfoResponse))]
internal sealed partial class InfoJsonContext : JsonSerializerContext;
