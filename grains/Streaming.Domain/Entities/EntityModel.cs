namespace Streaming.Domain;

/// <summary>The behaviour of an entity, as pure functions of its state and its input.</summary>
public static class EntityModel
{
    /// <summary>How many of its newest images an entity keeps references to.</summary>
    public const int RecentMediaKept = 12;

    /// <summary>Applies clean events in order: dedupe, lateness, current values, windows; then emits what changed.</summary>
    /// <param name="state">The entity's state, updated in place.</param>
    /// <param name="batch">Clean events, in order.</param>
    /// <param name="options">Windowing.</param>
    /// <param name="maxDedupeEntries">Hard cap on remembered envelope ids.</param>
    /// <param name="dedupeHorizon">
    /// How far behind the newest event time applied ids are remembered; at least the allowed lateness. A longer
    /// horizon lets a redelivery after a crash be recognised as a duplicate rather than reported late.
    /// </param>
    public static EntityBatchResult Apply(EntityState state, IReadOnlyList<CleanEvent> batch, WindowOptions options, int maxDedupeEntries,
        TimeSpan dedupeHorizon = default)
    {
        var outcomes = new ApplyOutcome[batch.Count];
        var deltas = new DeltaBuffer();
        for (var i = 0; i < batch.Count; i++)
        {
            outcomes[i] = ApplyOne(state, batch[i], options, deltas);
        }
        var emitted = new List<WindowResult>();
        state.Windows.Advance(options, emitted);
        if (state.Windows.MaxEventTicks != long.MinValue)
        {
            var behind = Math.Max(options.AllowedLateness.Ticks, dedupeHorizon.Ticks);
            var horizon = new DateTimeOffset(Math.Min(state.Windows.WatermarkTicks(options), state.Windows.MaxEventTicks - behind), TimeSpan.Zero);
            state.Applied.Trim(horizon, maxDedupeEntries);
        }
        return new EntityBatchResult(outcomes, emitted, deltas.Drain());
    }

    /// <summary>Closes the windows that have ended, once the entity is idle (<see cref="IdleWindows.Close"/>).</summary>
    public static List<WindowResult> CloseIfIdle(EntityState state, WindowOptions options, DateTimeOffset now) =>
        IdleWindows.Close(state.Windows, state.LastReceivedAt, options, now);

    /// <summary>When <see cref="CloseIfIdle"/> would next close something (<see cref="IdleWindows.CheckAt"/>).</summary>
    public static DateTimeOffset? IdleCheckAt(EntityState state, WindowOptions options) =>
        IdleWindows.CheckAt(state.Windows, state.LastReceivedAt, options);

    /// <summary>When the entity's open windows will all have closed (<see cref="IdleWindows.AllClosedAt"/>).</summary>
    public static DateTimeOffset? AllClosedAt(EntityState state, WindowOptions options) =>
        IdleWindows.AllClosedAt(state.Windows, state.LastReceivedAt, options);

    /// <summary>
    /// When an entity gone with windows open is to be woken to close them: once they have all ended
    /// (<see cref="AllClosedAt"/>), or, for a sensor that reports every <paramref name="interval"/>, once its next event is
    /// overdue (half an interval late) if that is later, but by no more than the longest window: the event, coming first,
    /// lets the entity close them itself, and the wake-up registered when it goes again replaces this one. A million
    /// sensors reporting every twenty minutes were otherwise all woken within minutes of each hour's end, each just before
    /// its next event would have done the same. Null when no window is open.
    /// </summary>
    public static DateTimeOffset? WakeUpAt(EntityState state, TimeSpan? interval, WindowOptions options)
    {
        if (AllClosedAt(state, options) is not { } closed)
        {
            return null;
        }
        if (interval is not { } every || every <= TimeSpan.Zero || state.LastReceivedAt is not { } last)
        {
            return closed;
        }
        var overdue = last + every * 1.5;
        return overdue > closed && overdue - closed <= options.Sizes.Max() ? overdue : closed;
    }

    private static ApplyOutcome ApplyOne(EntityState state, CleanEvent e, WindowOptions options, DeltaBuffer deltas)
    {
        if (state.Applied.Contains(e.Id))
        {
            state.Duplicates++;
            return ApplyOutcome.Duplicate;
        }
        if (state.LastReceivedAt is null || e.ReceivedAt > state.LastReceivedAt)
        {
            state.LastReceivedAt = e.ReceivedAt;
        }
        if (state.Windows.IsLate(e.EventTime, options))
        {
            state.EventsLate++;
            return ApplyOutcome.Late;
        }
        state.Applied.Add(e.Id, e.EventTime);
        state.EventsApplied++;
        foreach (var r in e.Readings)
        {
            if (!state.Current.TryGetValue(r.Metric, out var current) || e.EventTime >= current.EventTime)
            {
                state.Current[r.Metric] = new CurrentValue(r.Value, r.Unit, e.EventTime, r.Flags, e.Source.Value);
            }
            state.Windows.Add(new SeriesKey(e.Kind, r.Metric), r.Value, e.EventTime, options, deltas, e.Terms);
        }
        if (e.Media is { } media)
        {
            KeepRecent(state.RecentMedia, new RecentMedia(media, e.Source.Value, e.EventTime));
        }
        return ApplyOutcome.Applied;
    }

    // Newest first by event time; a tie keeps arrival order, so the result does not depend on timing.
    private static void KeepRecent(List<RecentMedia> recent, RecentMedia item)
    {
        var at = recent.FindIndex(m => m.EventTime < item.EventTime);
        recent.Insert(at < 0 ? recent.Count : at, item);
        if (recent.Count > RecentMediaKept)
        {
            recent.RemoveAt(recent.Count - 1);
        }
    }

    /// <summary>
    /// Applies a record linked to this entity: its fields update the attributes, and the link (system, id,
    /// reason) is kept. A redelivered record changes nothing.
    /// </summary>
    public static ApplyOutcome ApplyRecord(EntityState state, EventEnvelope envelope, string reason, int maxDedupeEntries)
    {
        if (envelope.Payload is not RecordPayload record)
        {
            throw new ArgumentException($"{envelope.Kind} is not a record", nameof(envelope));
        }
        if (!state.Applied.Add(envelope.Id, envelope.EventTime))
        {
            state.Duplicates++;
            return ApplyOutcome.Duplicate;
        }
        foreach (var (name, value) in record.Fields)
        {
            state.Attributes[name] = value;
        }
        state.Records.RemoveAll(r => r.System == record.System && r.LocalId == record.LocalId);
        state.Records.Add(new RecordLink(record.System, record.LocalId, reason, envelope.EventTime));
        state.EventsApplied++;
        state.Applied.Trim(envelope.EventTime - TimeSpan.FromDays(1), maxDedupeEntries);
        return ApplyOutcome.Applied;
    }

    /// <summary>Removes a wrong link; the record's attributes stay until a record overwrites them.</summary>
    public static bool RemoveRecord(EntityState state, string system, string localId) =>
        state.Records.RemoveAll(r => r.System == system && r.LocalId == localId) > 0;
}
