using Streaming.Domain;

namespace Streaming.Grains;

/// <summary>Persisted state of <see cref="SandboxWindowsGrain"/>.</summary>
[GenerateSerializer, Alias("streaming.sandbox-windows-state.v1")]
public sealed class SandboxWindowsState
{
    /// <summary>The owner's windows in the sandbox, by series, size and start.</summary>
    [Id(0)] public List<WindowResult> Windows { get; set; } = [];
}
