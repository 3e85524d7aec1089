using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains;

/// <summary>
/// A roll-up of an area or of the whole system: windows over its children's deltas, each child's segments
/// applied once by sequence number. Persistence: merged calls interleave and share writes (a group commit), and each is
/// confirmed to its child only after a write that covers it; what it owes its own parent is forwarded in batches on a
/// timer through its persisted outbox. An area has every entity in it as a child, so a write per call would make the
/// area the bottleneck of the whole platform. The per-child sequence numbers of children that merged before the last
/// settling live in a second record, written only when <see cref="RollupOptions.SettleAfterChildren"/> recent ones have
/// gathered: a commit writes what changed, not a number for every child the area has ever had.
/// </summary>
public sealed partial class RollupGrain(
    [PersistentState("rollup", StorageNames.Default)] IPersistentState<RollupState> state,
    [PersistentState("rollup-settled", StorageNames.Default)] IPersistentState<SettledSequences> settled,
    IOptions<WindowOptions> windows, IOptions<RollupOptions> options, IOutputSink output, TimeProvider time,
    ILogger<RollupGrain> logger)
    : Grain, IRollupGrain, IWakeUpGrain, IRemindable
{
    private GroupCommit? _commit;

    private GroupCommit Commit => _commit ??= new GroupCommit(WriteAsync, options.Value.CommitInterval, time);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.State.Settled = settled.State;
        var period = options.Value.ForwardInterval;
        this.RegisterGrainTimer(OnTimer, new GrainTimerCreationOptions(period, period) { Interleave = false, KeepAlive = false });
        return Task.CompletedTask;
    }

    // Ended with windows open or segments its parent has not confirmed (the silo stopping, memory pressure, a failed
    // write): see WindowWakeUp.
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var owed = GrainKeys.ParentOf(this.GetPrimaryKeyString()) is not null && (!state.State.Unsent.IsEmpty || state.State.Outbox.Pending.Count > 0);
        return WindowWakeUp.RegisterAsync(this, owed ? now : RollupModel.AllClosedAt(state.State, windows.Value), windows.Value.IdleTimeout, now, logger);
    }

    public Task WakeUp() => OnTimer(CancellationToken.None);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        await WakeUp();
        await WindowWakeUp.ClearAsync(this, logger);
    }

    public async Task<long> Merge(string child, RollupSegment[] segments) =>
        (await MergeChildren([new RollupChild(child, segments)]))[0];

    public async Task<long[]> MergeChildren(RollupChild[] children)
    {
        var emitted = new List<WindowResult>();
        var now = time.GetUtcNow();
        var applied = Array.ConvertAll(children, c => RollupModel.Merge(state.State, c.Child, c.Segments, windows.Value, now, emitted));
        try
        {
            await Commit.CommitAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWriteFailed(ex, children.Length);
            DeactivateOnIdle();
            throw;
        }
        Publish(emitted);
        return applied;
    }

    public Task<WindowResult[]> GetLatest() =>
        Task.FromResult(state.State.Windows.Series.Keys
            .Select(state.State.Windows.Latest)
            .OfType<WindowResult>()
            .OrderBy(w => w.Series.ToString(), StringComparer.Ordinal).ThenBy(w => w.Size)
            .ToArray());

    public Task<WindowResult[]> GetWindows(SeriesKey series, TimeSpan size, DateTimeOffset? from, DateTimeOffset? to) =>
        Task.FromResult(state.State.Windows.Query(new WindowKey(series, size.Ticks), from, to).ToArray());

    private async Task OnTimer(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var closed = RollupModel.CloseIfIdle(state.State, windows.Value, now);
        var parentKey = GrainKeys.ParentOf(this.GetPrimaryKeyString());
        var pending = parentKey is null ? [] : RollupModel.Forward(state.State);
        // An area gone quiet stays active while it has windows to close or segments its parent has not confirmed
        // (see TimerKeepAlive).
        var due = RollupModel.IdleCheckAt(state.State, windows.Value);
        if (due is not null || pending.Count > 0)
        {
            DelayDeactivation(TimerKeepAlive.Until(due ?? now, now));
        }
        if (closed.Count == 0 && pending.Count == 0)
        {
            return;
        }
        // The segments must be durable here before the parent sees them, or a crash could renumber them.
        await Commit.CommitAsync();
        Publish(closed);
        if (pending.Count == 0 || parentKey is null)
        {
            return;
        }
        try
        {
            var parent = GrainFactory.GetGrain<IRollupGrain>(parentKey);
            state.State.Outbox.Confirm(await parent.Merge(this.GetPrimaryKeyString(), [.. pending]));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogForwardDeferred(ex, pending.Count);
        }
    }

    // The state first; then, when enough recent children have gathered, the settled sequences, and only after both are
    // durable are the settled ones dropped from the state's next write. A crash in between leaves a child in both records,
    // where the higher number counts.
    private async Task WriteAsync()
    {
        var settling = RollupModel.ToSettle(state.State, options.Value.SettleAfterChildren); // exactly what this write covers
        await state.WriteStateAsync();
        if (settling is null)
        {
            return;
        }
        RollupModel.Settle(state.State, settling);
        await settled.WriteStateAsync();
        RollupModel.Release(state.State, settling);
    }

    private void Publish(List<WindowResult> emitted)
    {
        if (emitted.Count > 0)
        {
            output.PublishWindows(this.GetPrimaryKeyString(), emitted);
        }
    }

    #region Logging
    [LoggerMessage(2201, LogLevel.Error, "Writing roll-up state after a merge from {Children} children failed; it reloads its state")]
    private partial void LogWriteFailed(Exception exception, int children);

    [LoggerMessage(2202, LogLevel.Warning, "Forwarding {Segments} segments to the parent deferred; they stay in the outbox")]
    private partial void LogForwardDeferred(Exception exception, int segments);
    #endregion
}
