namespace Streaming.Domain;

/// <summary>
/// The cleaning rules for sensor events, as pure functions of the event, the source's state and the options.
/// Rules return rejections; nothing here throws for bad data. Order: duplicate envelope, then per reading:
/// not-a-number, unit, range, duplicate reading, then the stuck, spike and out-of-order flags.
/// </summary>
public static class SensorCleaning
{
    /// <summary>Cleans one envelope and updates <paramref name="state"/> with what it accepted.</summary>
    public static CleanOutcome Clean(EventEnvelope envelope, SourceCleaningState state, CleaningOptions options)
    {
        if (envelope.Payload is not SensorPayload sensor)
        {
            return Reject(envelope, state, RejectReason.UnknownKind, $"{envelope.Kind} events are not sensor readings");
        }
        if (sensor.Readings.Length == 0)
        {
            return Reject(envelope, state, RejectReason.MissingField, "the event has no readings");
        }
        if (state.SeenEnvelopes.Contains(envelope.Id))
        {
            return Reject(envelope, state, RejectReason.Duplicate, "envelope id already accepted");
        }

        var accepted = new List<CleanReading>(sensor.Readings.Length);
        var rejections = new List<ReadingRejection>();
        foreach (var reading in sensor.Readings)
        {
            var metric = MetricCatalog.CanonicalName(reading.Metric);
            var (cleaned, reason, detail) = CleanReading(metric, reading, envelope.EventTime, state, options);
            if (reason is { } r)
            {
                state.Quality.Reject(r);
                rejections.Add(new ReadingRejection(envelope.Id, metric, r, detail!));
            }
            else
            {
                accepted.Add(cleaned);
                state.Quality.Flag(cleaned.Flags);
            }
        }

        if (accepted.Count == 0)
        {
            state.Quality.EventsRejected++;
            return new CleanOutcome(null, rejections);
        }
        return new CleanOutcome(Accept(envelope, state, options, [.. accepted]), rejections);
    }

    /// <summary>Records an accepted envelope in the source's state (dedupe memory, counters, newest time) and builds its clean event.</summary>
    internal static CleanEvent Accept(EventEnvelope envelope, SourceCleaningState state, CleaningOptions options, CleanReading[] accepted)
    {
        state.SeenEnvelopes.Add(envelope.Id, envelope.EventTime);
        state.Quality.EventsAccepted++;
        state.Quality.ReadingsAccepted += accepted.Length;
        if (state.MaxEventTime is null || envelope.EventTime > state.MaxEventTime)
        {
            state.MaxEventTime = envelope.EventTime;
        }
        var horizon = state.MaxEventTime.Value - options.DedupeHorizon;
        state.SeenEnvelopes.Trim(horizon, options.MaxDedupeEntries);
        state.SeenReadings.Trim(horizon, options.MaxDedupeEntries);
        return new CleanEvent(envelope.Id, envelope.Source, envelope.ResolvedEntity, envelope.Kind,
            envelope.EventTime, envelope.Provenance.ReceivedAt, accepted);
    }

    private static (CleanReading Clean, RejectReason? Reason, string? Detail) CleanReading(
        string metric, Reading reading, DateTimeOffset time, SourceCleaningState state, CleaningOptions options)
    {
        if (!double.IsFinite(reading.Value))
        {
            return (default, RejectReason.NotANumber, $"{metric} is {reading.Value}");
        }
        var limits = options.LimitsFor(metric);
        var value = reading.Value;
        var flags = ReadingFlags.None;
        var unit = reading.Unit ?? string.Empty;
        if (limits is not null)
        {
            if (!MetricCatalog.TryConvert(limits.CanonicalUnit, reading.Unit, reading.Value, out value, out var converted))
            {
                return (default, RejectReason.UnknownUnit, $"{metric} in '{reading.Unit}' cannot be converted to {limits.CanonicalUnit}");
            }
            // A conversion can overflow a finite reading (1e306 mg/m3 in µg/m3); clean readings stay finite, which the output
            // topics' JSON relies on.
            if (!double.IsFinite(value) || value < limits.Min || value > limits.Max)
            {
                return (default, RejectReason.OutOfRange, $"{metric} {value} {limits.CanonicalUnit} is outside [{limits.Min}, {limits.Max}]");
            }
            flags |= converted ? ReadingFlags.UnitConverted : ReadingFlags.None;
            unit = limits.CanonicalUnit;
        }
        if (!state.SeenReadings.Add(new ReadingKey(metric, time.UtcTicks), time))
        {
            return (default, RejectReason.Duplicate, $"{metric} at {time:O} already accepted from this source");
        }
        flags |= QualityFlags(metric, value, time, limits, state);
        return (new CleanReading(metric, value, unit, flags), null, null);
    }

    private static ReadingFlags QualityFlags(string metric, double value, DateTimeOffset time, MetricLimits? limits, SourceCleaningState state)
    {
        if (!state.Metrics.TryGetValue(metric, out var memory))
        {
            state.Metrics[metric] = new MetricMemory { LastTime = time, LastValue = value, Repeats = 1 };
            return ReadingFlags.None;
        }
        if (time < memory.LastTime)
        {
            // Stuck and spike compare neighbours in event time; an older reading has no reliable neighbour here.
            return ReadingFlags.OutOfOrder;
        }
        var flags = ReadingFlags.None;
        if (limits?.SpikeDelta is { } delta && Math.Abs(value - memory.LastValue) > delta)
        {
            flags |= ReadingFlags.Spike;
        }
        memory.Repeats = value.Equals(memory.LastValue) ? memory.Repeats + 1 : 1;
        if (limits is { StuckRepeats: > 0 } && memory.Repeats >= limits.StuckRepeats)
        {
            flags |= ReadingFlags.Stuck;
        }
        memory.LastTime = time;
        memory.LastValue = value;
        return flags;
    }

    internal static CleanOutcome Reject(EventEnvelope envelope, SourceCleaningState state, RejectReason reason, string detail)
    {
        state.Quality.EventsRejected++;
        state.Quality.Reject(reason);
        return new CleanOutcome(null, [new ReadingRejection(envelope.Id, null, reason, detail)]);
    }
}
