using Orleans.Concurrency;

namespace Streaming.Grains.Abstractions;

/// <summary>One sandbox (key = its name): what it replayed and with which settings, its newest run and its owners.</summary>
public interface ISandboxGrain : IGrainWithStringKey
{
    /// <summary>The sandbox, or null when there is none of this name.</summary>
    [ReadOnly]
    Task<SandboxInfo?> GetInfo();

    /// <summary>Records the sandbox's new description; returns the previous one (its owners' windows are to be cleared).</summary>
    Task<SandboxInfo?> Replace(SandboxInfo info);

    /// <summary>Forgets the sandbox; returns what it was.</summary>
    Task<SandboxInfo?> Remove();
}
