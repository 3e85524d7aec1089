using Orleans.Runtime;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains;

/// <summary>
/// One owner's windows in one sandbox, written once when the sandbox's run completes and read by the API and the diff.
/// Sandbox windows never reach live grains, roll-ups or the dashboard. Persistence: one write per store or clear.
/// </summary>
public sealed class SandboxWindowsGrain(
    [PersistentState("sandbox-windows", StorageNames.Default)] IPersistentState<SandboxWindowsState> state)
    : Grain, ISandboxWindowsGrain
{
    public async Task Store(WindowResult[] windows)
    {
        state.State.Windows = [.. windows];
        await state.WriteStateAsync();
    }

    // The same overlap rule as WindowSet.Query: a window overlaps [from, to) when it starts after from − size and before to.
    public Task<WindowResult[]> GetWindows(SeriesKey series, TimeSpan size, DateTimeOffset? from, DateTimeOffset? to) =>
        Task.FromResult(state.State.Windows
            .Where(w => w.Series == series && w.Size == size && (from is null || w.Start > from - size) && (to is null || w.Start < to))
            .OrderBy(w => w.Start).ToArray());

    public Task<WindowResult[]> GetAll() => Task.FromResult(state.State.Windows.ToArray());

    public async Task Clear()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
    }
}
