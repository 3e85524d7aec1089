using static System.FormattableString;

namespace Streaming.Domain;

/// <summary>Resolved SenML readings grouped by (source, time), one envelope per group, in order of first appearance.</summary>
internal sealed class SenMLGroups(DecodeContext ctx)
{
    private readonly Dictionary<(SourceId Source, DateTimeOffset Time), List<Reading>> _groups = [];
    private readonly List<(SourceId Source, DateTimeOffset Time)> _order = [];

    /// <summary>Adds a reading to its group, unless the group is full.</summary>
    internal DecodeFault? TryAdd(SenMLReading reading)
    {
        var key = (reading.Source, reading.Time);
        if (!_groups.TryGetValue(key, out var readings))
        {
            readings = [];
            _groups.Add(key, readings);
            _order.Add(key);
        }

        if (readings.Count >= ctx.Limits.MaxReadingsPerEvent)
        {
            return new(RejectReason.TooLarge, Invariant(
                $"more than {ctx.Limits.MaxReadingsPerEvent} readings for source '{reading.Source}' at {EventTimes.Format(reading.Time)}"));
        }

        readings.Add(reading.Reading);
        return null;
    }

    /// <summary>One sensor envelope per group; id <c>{source}@{time}</c>.</summary>
    internal IEnumerable<EventEnvelope> Envelopes() =>
        _order.Select(key => new EventEnvelope(
            new EnvelopeId($"{key.Source}@{EventTimes.Format(key.Time)}"),
            key.Source,
            EventKind.Sensor,
            null,
            key.Time,
            null,
            ctx.Provenance,
            new SensorPayload([.. _groups[key]])));
}
