using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains;

/// <summary>
/// One entity's twin: current values and event-time windows. Non-reentrant, so events apply in order.
/// Persistence: one write per applied batch, before returning; the window deltas owed to the area travel in
/// the same write (an outbox) and are resent until the area confirms them, so roll-ups lose nothing. Once written, the
/// outbox goes to the silo's <see cref="RollupForwarder"/>, which sends the area one merge for all the silo's entities per
/// <see cref="RollupOptions.ForwardInterval"/>: ingest never waits for the area, which every entity in it shares, and the
/// area takes a turn per interval rather than per event. Final windows go into a record of their own once enough have gathered
/// (<see cref="FinalWindowArchive"/>), so the write per batch does not grow with the entity's history. An entity gone quiet
/// is collected as any idle grain, windows open or not: a wake-up brings it back when they have ended, or when its sensor's
/// next event is overdue if later (<see cref="WindowWakeUp"/>, <see cref="EntityModel.WakeUpAt"/>), so a sensor that
/// reports every twenty minutes costs no activation in between, and its hour is closed by its next event rather than by a
/// wake-up. Such an entity, whose events come further apart than its collection age, goes as soon as nothing is due before
/// that wake-up (its minute closed, its hour left to the wake-up) rather than stay the age (<see cref="QuietSensor"/>).
/// </summary>
public sealed partial class EntityGrain(
    [PersistentState("entity", StorageNames.Default)] IPersistentState<EntityState> state,
    [PersistentState("entity-final", StorageNames.Default)] IPersistentState<FinalWindows> final,
    IOptions<WindowOptions> windows, IOptions<CleaningOptions> cleaning, IOptions<RollupOptions> rollups, IPlaceRegistry places,
    RollupForwarder forwarder, IOutputSink output, IOptions<GrainCollectionOptions> collection, TimeProvider time, ILogger<EntityGrain> logger)
    : Grain, IEntityGrain, IEntityQueryGrain, IWakeUpGrain, IRemindable
{
    // What the archive facet holds between writes (never changed): an entity's archive is in its windows, not kept twice.
    private static readonly FinalWindows NoArchive = new();

    // One one-shot timer for both of the entity's deferred jobs (sending the outbox again after a failed merge, closing
    // windows when idle), armed only while one is due and disposed otherwise: an entity with nothing due holds no timer
    // and takes no turns. The timer does not keep the activation: collected first, the entity is woken instead.
    private IGrainTimer? _timer;
    private DateTimeOffset _timerDue;

    // The outbox as the forwarder sees it: the highest segment written (only those may leave), whether a submission is
    // open (one at a time keeps the area's sequence order), and whether the last one failed (the timer sends again).
    private long _durableSeq;
    private bool _forwarding;
    private bool _forwardFailed;

    // Whether the last event came more than the collection age after the one before (or was the first): see LeaveIfQuiet.
    // How long it came after the one before (whose time is in the stored state), once there was one: when the next is due
    // (EntityModel.WakeUpAt).
    private readonly TimeSpan _quietAge = QuietSensor.Age<EntityGrain>(collection.Value);
    private bool _quiet;
    private TimeSpan? _interval;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A place's entity rolls up to the place's area. Decided before its first event, so every delta goes to one area.
        var key = this.GetPrimaryKeyString();
        if (!state.RecordExists && key.StartsWith(PlacePrefix, StringComparison.Ordinal) && places.Find(key[PlacePrefix.Length..]) is { } place)
        {
            state.State.Area = place.Area;
        }
        FinalWindowArchive.Restore(state.State.Windows, final.State, windows.Value.RetainWindows);
        final.State = NoArchive; // held in the windows now; the record is read once and written whole
        _durableSeq = state.State.Outbox.LastSeq; // read from storage: all of it written
        Forward(); // what an earlier activation sent may never have been confirmed
        Schedule();
        return Task.CompletedTask;
    }

    private const string PlacePrefix = "place:";

    // Ended with windows open (collected when idle, the silo stopping, memory pressure, a failed apply): see WindowWakeUp.
    // A sensor whose next event should close them is given until that event is overdue.
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        WindowWakeUp.RegisterAsync(this, EntityModel.WakeUpAt(state.State, _interval, windows.Value), windows.Value.IdleTimeout, time.GetUtcNow(), logger);

    // Woken with nothing left due (its sensor has stopped), the entity goes at once rather than after the quiet age: the
    // hours of all a silo's entities end together, and their wake-ups would otherwise hold them all again for minutes. A
    // segment still on its way to the area goes again from the outbox on the next activation; the area takes it once.
    public async Task WakeUp()
    {
        await CloseIdleWindows();
        Schedule();
        if (_timer is null)
        {
            DeactivateOnIdle();
        }
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        await WakeUp();
        await WindowWakeUp.ClearAsync(this, logger);
    }

    public async Task<ApplyOutcome[]> Apply(CleanEvent[] batch)
    {
        try
        {
            var previous = state.State.LastReceivedAt;
            var result = EntityModel.Apply(state.State, batch, windows.Value, cleaning.Value.MaxDedupeEntries, cleaning.Value.DedupeHorizon);
            _quiet = state.State.LastReceivedAt is { } last && QuietSensor.ReportsLessOftenThan(_quietAge, previous, last);
            if (state.State.LastReceivedAt - previous is { Ticks: > 0 } gap)
            {
                _interval = gap;
            }
            state.State.Outbox.Enqueue(result.Deltas);
            await WriteAsync();
            Forward();
            LogApplied(batch.Length, result.Emitted.Count);
            Publish(result.Emitted);
            output.PublishEntity(Snapshot());
            Schedule();
            LeaveIfQuiet();
            return result.Outcomes;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The in-memory state may hold changes that were never written; reload it rather than build on them.
            LogApplyFailed(ex, batch.Length);
            DeactivateOnIdle();
            throw;
        }
    }

    public async Task<ApplyOutcome> ApplyRecord(EventEnvelope record, string reason)
    {
        var outcome = EntityModel.ApplyRecord(state.State, record, reason, cleaning.Value.MaxDedupeEntries);
        if (outcome == ApplyOutcome.Applied)
        {
            await WriteAsync();
            output.PublishEntity(Snapshot());
        }
        return outcome;
    }

    public async Task RemoveRecord(string system, string localId)
    {
        if (EntityModel.RemoveRecord(state.State, system, localId))
        {
            await WriteAsync();
            output.PublishEntity(Snapshot());
        }
    }

    public Task<EntitySnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public Task<WindowResult[]> GetWindows(SeriesKey series, TimeSpan size, DateTimeOffset? from, DateTimeOffset? to) =>
        Task.FromResult(state.State.Windows.Query(new WindowKey(series, size.Ticks), from, to).ToArray());

    private async Task OnTimer(CancellationToken cancellationToken)
    {
        _timerDue = DateTimeOffset.MaxValue;
        await CloseIdleWindows(cancellationToken);
        _forwardFailed = false;
        Forward();
        Schedule(); // the next idle check
        LeaveIfQuiet();
    }

    // An entity whose events come further apart than its collection age goes once nothing is due before the wake-up its
    // deactivation registers: with minute and hour windows, once its minute has closed. Staying until collected would hold
    // it for minutes that its next event, further off, would not use. A segment still on its way to the area goes again
    // from the outbox on the next activation, and the area takes it once.
    private void LeaveIfQuiet()
    {
        if (_quiet && !_forwardFailed && EntityModel.IdleCheckAt(state.State, windows.Value) == EntityModel.AllClosedAt(state.State, windows.Value))
        {
            DeactivateOnIdle();
        }
    }

    private async Task CloseIdleWindows(CancellationToken cancellationToken = default)
    {
        var closed = EntityModel.CloseIfIdle(state.State, windows.Value, time.GetUtcNow());
        if (closed.Count > 0)
        {
            await WriteAsync(cancellationToken);
            Publish(closed);
        }
    }

    // The archive first: the state is written without the archived windows only once their record is durable. If the
    // state write then fails, both records hold them for a while, and reading merges them by start.
    private async Task WriteAsync(CancellationToken cancellationToken = default)
    {
        if (FinalWindowArchive.Due(state.State.Windows))
        {
            final.State = FinalWindowArchive.Collect(state.State.Windows);
            await final.WriteStateAsync(cancellationToken);
            FinalWindowArchive.MarkArchived(state.State.Windows, final.State);
            final.State = NoArchive;
        }
        var covered = state.State.Outbox.LastSeq;
        await state.WriteStateAsync(cancellationToken);
        _durableSeq = covered;
    }

    private EntitySnapshot Snapshot() => EntitySnapshot.Of(this.GetPrimaryKeyString(), state.State, windows.Value);

    private void Publish(List<WindowResult> emitted)
    {
        if (emitted.Count > 0)
        {
            output.PublishWindows(this.GetPrimaryKeyString(), emitted);
        }
    }

    // Arms the timer for the earliest job due: the outbox within the forward interval, the idle check when it falls due.
    // An armed timer that is due no later stays as it is, so a busy entity does not touch it on every batch; one that fires
    // before the idle check is due (events kept coming) just arms itself again.
    private void Schedule()
    {
        var now = time.GetUtcNow();
        var due = EntityModel.IdleCheckAt(state.State, windows.Value) ?? DateTimeOffset.MaxValue;
        if (_forwardFailed && now + rollups.Value.ForwardInterval < due)
        {
            due = now + rollups.Value.ForwardInterval;
        }
        if (due == DateTimeOffset.MaxValue)
        {
            if (_timer is not null)
            {
                _timer.Dispose();
                _timer = null;
                _timerDue = DateTimeOffset.MaxValue;
            }
            return;
        }
        if (_timer is not null && _timerDue <= due)
        {
            return;
        }
        // Never in the past: a clock a little behind the ingest time that stamped the events must not spin the timer.
        var delay = due - now > rollups.Value.ForwardInterval ? due - now : rollups.Value.ForwardInterval;
        _timerDue = now + delay;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(OnTimer,
                new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = false });
        }
        else
        {
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    // Hands the forwarder every segment the area has not confirmed, up to the last one written (a segment must be durable
    // before the area sees it, or a crash could number another one the same), unless a submission is already open. The
    // answer comes back on this activation's scheduler, between or within other turns: it only drops confirmed segments
    // from the outbox (the next write leaves them out) and sends what gathered meanwhile.
    private void Forward()
    {
        var outbox = state.State.Outbox;
        if (_forwarding || _forwardFailed || outbox.Pending.Count == 0 || outbox.Pending[0].Seq > _durableSeq)
        {
            return;
        }
        RollupSegment[] segments = [.. outbox.Pending.TakeWhile(s => s.Seq <= _durableSeq)];
        _forwarding = true;
        _ = ForwardAsync(segments);
    }

    private async Task ForwardAsync(RollupSegment[] segments)
    {
        try
        {
            state.State.Outbox.Confirm(await forwarder.Submit(GrainKeys.Area(state.State.Area), this.GetPrimaryKeyString(), segments));
        }
        catch (Exception ex)
        {
            // The segments stay in the persisted outbox and go again when the timer fires.
            LogRollupDeferred(ex, segments.Length);
            _forwardFailed = true;
            Schedule();
        }
        finally
        {
            _forwarding = false;
        }
        Forward();
    }

    #region Logging
    [LoggerMessage(2101, LogLevel.Trace, "Applied {Count} events, emitted {Emitted} windows")]
    private partial void LogApplied(int count, int emitted);

    [LoggerMessage(2102, LogLevel.Error, "Applying a batch of {Count} failed; the entity reloads its state")]
    private partial void LogApplyFailed(Exception exception, int count);

    [LoggerMessage(2103, LogLevel.Warning, "Roll-up of {Segments} segments deferred; they stay in the outbox")]
    private partial void LogRollupDeferred(Exception exception, int segments);
    #endregion
}
