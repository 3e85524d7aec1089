using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains;

/// <summary>
/// Cleans one source's events and hands them to their entities. Persistence: one write per ingested batch,
/// after the entities have durably applied it and its clean events are on the output, before returning, so an
/// acknowledged batch is never lost; a crash before the write means a redelivery, which the entities drop as
/// duplicates (the clean output is at-least-once). A source whose events come further apart than its collection age goes
/// as soon as the batch is written (<see cref="QuietSensor"/>).
/// </summary>
public sealed partial class SourceGrain(
    [PersistentState("source", StorageNames.Default)] IPersistentState<SourceCleaningState> state,
    IOptions<CleaningOptions> cleaning, IOptions<LinkingOptions> linking, IOptions<WindowOptions> windows, IPlaceRegistry places, IOutputSink output,
    IOptions<GrainCollectionOptions> collection, TimeProvider time, ILogger<SourceGrain> logger) : Grain, ISourceGrain
{
    private readonly WindowOptions _activityWindows = SourceActivity.Retaining(windows.Value);
    private readonly TimeSpan _quietAge = QuietSensor.Age<SourceGrain>(collection.Value);

    public async Task<IngestReport> Ingest(EventEnvelope[] batch)
    {
        try
        {
            return await IngestCore(batch);
        }
        catch (Exception ex)
        {
            // Cleaning has already updated the in-memory state (dedupe memory above all); without the write
            // that state would call the redelivery a duplicate. Reload from storage on the next call instead.
            LogIngestFailed(ex, batch.Length);
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task<IngestReport> IngestCore(EventEnvelope[] batch)
    {
        var now = time.GetUtcNow();
        var quiet = QuietSensor.ReportsLessOftenThan(_quietAge, state.State.LastSeen, now);
        state.State.LastSeen = now;
        var rejections = new List<ReadingRejection>();
        var clean = new List<CleanEvent>(batch.Length);
        var wholeRejected = 0;
        var records = new List<EventEnvelope>();
        var nearDuplicates = await NearDuplicates(batch);
        foreach (var envelope in batch)
        {
            if (envelope.Kind == EventKind.Record)
            {
                records.Add(envelope);
                continue;
            }
            var linked = EventLinker.Resolve(envelope, state.State.Link, places.Index, linking.Value.MaxDistanceMetres);
            var outcome = ContentCleaning.Clean(linked, state.State, cleaning.Value, nearDuplicates.GetValueOrDefault(envelope.Id));
            rejections.AddRange(outcome.Rejections);
            if (outcome.Event is { } e)
            {
                clean.Add(e);
            }
            else
            {
                wholeRejected++;
                LogRejected(envelope.Id, outcome.Rejections[0].Reason);
            }
        }

        var late = await ApplyToEntities(clean);
        foreach (var e in late)
        {
            rejections.Add(new ReadingRejection(e.Id, null, RejectReason.Late, $"event time {e.EventTime:O} is older than the watermark"));
        }
        if (late.Count < clean.Count)
        {
            var applied = late.Count == 0 ? clean : [.. clean.Except(late)];
            await output.PublishCleanAsync(applied);
            SourceActivity.Count(state.State, applied, _activityWindows);
        }
        var recordsApplied = await RecordRouting.ApplyAsync(
            GrainFactory, this.GetPrimaryKeyString(), state.State, places.Index, records, now);
        await state.WriteStateAsync();
        if (quiet)
        {
            DeactivateOnIdle(); // its next event would find it collected anyway
        }
        return new IngestReport(clean.Count - late.Count + recordsApplied, wholeRejected + late.Count, [.. rejections]);
    }

    public Task<SourceHealth> GetHealth()
    {
        var s = state.State;
        return Task.FromResult(new SourceHealth(this.GetPrimaryKeyString(), s.LastSeen, s.MaxEventTime,
            s.Quality.EventsAccepted, s.Quality.EventsRejected, s.Quality.ReadingsAccepted,
            new(s.Quality.Rejected), new(s.Quality.Flagged), s.Link));
    }

    public Task<WindowResult[]> GetWindows(SeriesKey series, TimeSpan size, DateTimeOffset? from, DateTimeOffset? to) =>
        Task.FromResult(state.State.Activity.Query(new WindowKey(series, size.Ticks), from, to).ToArray());

    public async Task<SourceLink> Link(EntityKey entity, string reason)
    {
        state.State.Link = new SourceLink(entity, reason, time.GetUtcNow());
        await state.WriteStateAsync();
        LogLinked(entity, reason);
        return state.State.Link;
    }

    public async Task<SourceLink?> Unlink()
    {
        var removed = state.State.Link;
        // Linked back to its own entity rather than to nothing, so a registration in configuration does not return.
        state.State.Link = new SourceLink(EntityKey.ForSource(new SourceId(this.GetPrimaryKeyString())), "unlinked", time.GetUtcNow());
        await state.WriteStateAsync();
        return removed;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A registration in configuration applies until the API links the source elsewhere (or unlinks it).
        if (state.State.Link is null && linking.Value.Sources.TryGetValue(this.GetPrimaryKeyString(), out var entity))
        {
            state.State.Link = new SourceLink(LinkingOptions.ToEntity(entity), "configuration", time.GetUtcNow());
        }
        return Task.CompletedTask;
    }

    // Images are compared with recent ones from every source, so one grain sees them all; other kinds skip the call.
    private static readonly Dictionary<EnvelopeId, string> NoMatches = [];

    private async Task<Dictionary<EnvelopeId, string>> NearDuplicates(EventEnvelope[] batch)
    {
        if (!Array.Exists(batch, e => e.Payload is MediaPayload))
        {
            return NoMatches; // the usual batch, of sensor readings: nothing to look up or allocate
        }
        MediaCheck[] images = [.. batch.Where(e => e.Payload is MediaPayload && !state.State.SeenEnvelopes.Contains(e.Id))
            .Select(e => new MediaCheck(e.Id, (MediaPayload)e.Payload, e.Source.Value, e.EventTime))];
        if (images.Length == 0)
        {
            return NoMatches;
        }
        var matches = await GrainFactory.GetGrain<IRecentImagesGrain>(GrainKeys.RecentImages).Check(images);
        return images.Zip(matches).Where(p => p.Second is not null).ToDictionary(p => p.First.Id, p => p.Second!);
    }

    private async Task<List<CleanEvent>> ApplyToEntities(List<CleanEvent> clean)
    {
        var late = new List<CleanEvent>();
        if (clean.Count == 0)
        {
            return late;
        }
        var byEntity = clean.GroupBy(e => e.Entity).ToList();
        var results = await Task.WhenAll(byEntity.Select(g =>
            GrainReferences.Get<IEntityGrain>(GrainFactory, GrainKeys.Entity(g.Key)).Apply([.. g])));
        for (var i = 0; i < byEntity.Count; i++)
        {
            late.AddRange(byEntity[i].Where((_, j) => results[i][j] == ApplyOutcome.Late));
        }
        return late;
    }

    #region Logging
    [LoggerMessage(2001, LogLevel.Debug, "Envelope {EnvelopeId} rejected: {Reason}")]
    private partial void LogRejected(EnvelopeId envelopeId, RejectReason reason);

    [LoggerMessage(2003, LogLevel.Information, "Linked to {Entity} ({Reason})")]
    private partial void LogLinked(EntityKey entity, string reason);

    [LoggerMessage(2002, LogLevel.Error, "Ingest of a batch of {Count} failed; the source reloads its state before the next batch")]
    private partial void LogIngestFailed(Exception exception, int count);
    #endregion
}
