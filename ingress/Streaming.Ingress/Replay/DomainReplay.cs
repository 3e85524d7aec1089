using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// The live pipeline's pure steps, in memory and without grains: per source, linking (<see cref="EventLinker"/>) and
/// cleaning (<see cref="SensorCleaning"/>, from a fresh <see cref="SourceCleaningState"/>); per entity,
/// <see cref="EntityModel"/>; with <see cref="Rollups"/>, each entity's window deltas roll up to its area and the system.
/// Records are passed over: they carry no readings, and linking them needs the record grains.
/// </summary>
public sealed class DomainReplay(ReplaySettings settings)
{
    private readonly Dictionary<SourceId, SourceCleaningState> _sources = [];
    private readonly Dictionary<EntityKey, EntityState> _entities = [];

    /// <summary>Each entity's state after what has been applied so far.</summary>
    public IReadOnlyDictionary<EntityKey, EntityState> Entities => _entities;

    /// <summary>Where entities' window deltas roll up, when the replay keeps roll-ups (a sandbox); null otherwise.</summary>
    public SandboxRollups? Rollups { get; init; }

    /// <summary>Events applied to their entity.</summary>
    public long Applied { get; private set; }

    /// <summary>Events not applied: records, events cleaning refused whole, late events, duplicates.</summary>
    public long NotApplied { get; private set; }

    /// <summary>
    /// Cleans and applies a run of envelopes as the live source and entity grains do a batch: each cleaned in order, then
    /// each entity applies its events in order, in one call (which is what makes a long replay fast). Returns, per
    /// envelope, the clean event when its entity applied it, else null.
    /// </summary>
    public CleanEvent?[] Apply(IReadOnlyList<EventEnvelope> envelopes)
    {
        var result = new CleanEvent?[envelopes.Count];
        var byEntity = new Dictionary<EntityKey, List<int>>();
        for (var i = 0; i < envelopes.Count; i++)
        {
            if (Clean(envelopes[i]) is { } clean)
            {
                result[i] = clean;
                (byEntity.TryGetValue(clean.Entity, out var list) ? list : byEntity[clean.Entity] = []).Add(i);
            }
        }
        foreach (var (entity, indexes) in byEntity)
        {
            if (!_entities.TryGetValue(entity, out var state))
            {
                _entities[entity] = state = new EntityState();
            }
            var batch = indexes.Select(i => result[i]!).ToList();
            var applied = EntityModel.Apply(state, batch, settings.Windows, settings.Cleaning.MaxDedupeEntries);
            Rollups?.Merge(entity, applied.Deltas);
            var outcomes = applied.Outcomes;
            for (var j = 0; j < indexes.Count; j++)
            {
                if (outcomes[j] != ApplyOutcome.Applied)
                {
                    result[indexes[j]] = null;
                }
            }
        }
        Rollups?.Forward();
        var count = result.Count(c => c is not null);
        Applied += count;
        NotApplied += envelopes.Count - count;
        return result;
    }

    private CleanEvent? Clean(EventEnvelope envelope)
    {
        if (envelope.Kind == EventKind.Record)
        {
            return null;
        }
        if (!_sources.TryGetValue(envelope.Source, out var source))
        {
            _sources[envelope.Source] = source = new SourceCleaningState
            {
                Link = settings.SourceLinks.TryGetValue(envelope.Source.Value, out var entity)
                    ? new SourceLink(entity, "configuration", DateTimeOffset.UnixEpoch) : null,
            };
        }
        var linked = EventLinker.Resolve(envelope, source.Link, settings.Places, settings.MaxDistanceMetres);
        return ContentCleaning.Clean(linked, source, settings.Cleaning).Event;
    }
}
