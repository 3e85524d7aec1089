using Orleans.Runtime;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains;

/// <summary>
/// A sandbox's description: its range, filters, setting overrides, newest run and owners. Never touches live grains.
/// Persistence: one write per change (a run writes it when it starts and when it ends).
/// </summary>
public sealed class SandboxGrain([PersistentState("sandbox", StorageNames.Default)] IPersistentState<SandboxState> state)
    : Grain, ISandboxGrain
{
    public Task<SandboxInfo?> GetInfo() => Task.FromResult(state.State.Info);

    public async Task<SandboxInfo?> Replace(SandboxInfo info)
    {
        var previous = state.State.Info;
        state.State.Info = info;
        await state.WriteStateAsync();
        return previous;
    }

    public async Task<SandboxInfo?> Remove()
    {
        var previous = state.State.Info;
        await state.ClearStateAsync();
        return previous;
    }
}
