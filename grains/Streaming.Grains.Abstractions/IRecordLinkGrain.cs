using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>
/// The link of one system-of-record row (keyed <c>{system}/{id}</c>) to an entity: the linker proposes, this grain
/// remembers, and an operator can undo a wrong link, after which the row stays on its own entity.
/// </summary>
public interface IRecordLinkGrain : IGrainWithStringKey
{
    /// <summary>The entity the row goes to: the proposal, unless a link was undone.</summary>
    Task<RecordLinkDecision> Resolve(EntityKey proposed, string reason);

    /// <summary>Undoes the current link: the row moves to its own entity and the old entity forgets it.</summary>
    Task<RecordLinkDecision?> Undo();

    /// <summary>The current link, if the row has been seen.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<RecordLinkDecision?> Get();
}
