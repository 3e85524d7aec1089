using Streaming.Grains.Abstractions;

namespace Streaming.Grains;

/// <summary>Persisted state of <see cref="SandboxGrain"/>.</summary>
[GenerateSerializer, Alias("streaming.sandbox-state.v1")]
public sealed class SandboxState
{
    /// <summary>The sandbox, once a run has started.</summary>
    [Id(0)] public SandboxInfo? Info { get; set; }
}
