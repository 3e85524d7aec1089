using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Silo;

/// <summary>Source-generated JSON for the replay endpoint's request.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ReplayRequest))]
internal sealed partial class ReplayRequestJsonContext : JsonSerializerContext;
