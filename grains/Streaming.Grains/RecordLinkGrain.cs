using Orleans.Runtime;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains;

/// <summary>
/// Remembers where one system-of-record row is linked. Persistence: one write when the link changes
/// (first sighting, a different proposal, an undo), none for a row arriving again with the same link.
/// </summary>
public sealed class RecordLinkGrain(
    [PersistentState("recordlink", StorageNames.Default)] IPersistentState<RecordLinkState> state) : Grain, IRecordLinkGrain
{
    public async Task<RecordLinkDecision> Resolve(EntityKey proposed, string reason)
    {
        if (state.State.Current is { Manual: true } fixedLink)
        {
            return fixedLink;
        }
        var decision = new RecordLinkDecision(proposed, reason, Manual: false);
        if (state.State.Current != decision)
        {
            state.State.Current = decision;
            await state.WriteStateAsync();
        }
        return decision;
    }

    public async Task<RecordLinkDecision?> Undo()
    {
        if (state.State.Current is not { } current)
        {
            return null;
        }
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var (system, localId) = (key[..slash], key[(slash + 1)..]);
        var own = RecordLinker.OwnEntity(system, localId);
        state.State.Current = new RecordLinkDecision(own, "undone", Manual: true);
        await state.WriteStateAsync();
        if (current.Entity != own)
        {
            await GrainFactory.GetGrain<IEntityGrain>(GrainKeys.Entity(current.Entity)).RemoveRecord(system, localId);
        }
        return state.State.Current;
    }

    public Task<RecordLinkDecision?> Get() => Task.FromResult(state.State.Current);
}
