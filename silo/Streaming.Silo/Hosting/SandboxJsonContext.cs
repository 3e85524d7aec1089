using System.Text.Json;
using System.Text.Json.Serialization;
using Streaming.Grains.Abstractions;

namespace Streaming.Silo;

/// <summary>Source-generated JSON for the sandbox endpoints, the runs and the command's client.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SandboxRequest))]
[JsonSerializable(typeof(SandboxInfo))]
[JsonSerializable(typeof(ReplayRunView))]
[JsonSerializable(typeof(SandboxDiffView))]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(string))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;
