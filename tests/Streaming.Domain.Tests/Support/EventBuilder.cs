namespace Streaming.Domain.Tests;

/// <summary>Envelopes, clean events and options at fixed times, shared by the cleaning, window, entity and roll-up tests.</summary>
internal static class EventBuilder
{
    /// <summary>The base event time of every test: 2026-11-25T10:00:00Z.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static readonly SourceId Source = new("sensor-1");

    public static readonly SeriesKey Temperature = new(EventKind.Sensor, "temperature");

    /// <summary>T0 plus a number of minutes and seconds.</summary>
    public static DateTimeOffset At(int minutes, int seconds = 0) => T0.AddMinutes(minutes).AddSeconds(seconds);

    public static Reading Reading(string metric, double value, string? unit = null) => new(metric, value, unit);

    /// <summary>A sensor envelope from <see cref="Source"/>, received one second after its event time.</summary>
    public static EventEnvelope Envelope(string id, DateTimeOffset time, params Reading[] readings) =>
        new(new EnvelopeId(id), Source, EventKind.Sensor, null, time, null,
            Provenance.Http("/ingest", time.AddSeconds(1)), new SensorPayload(readings));

    /// <summary>A clean temperature event, received one second after its event time unless told otherwise.</summary>
    public static CleanEvent Clean(string id, DateTimeOffset time, double value, DateTimeOffset? receivedAt = null, string metric = "temperature") =>
        new(new EnvelopeId(id), Source, EntityKey.ForSource(Source), EventKind.Sensor, time, receivedAt ?? time.AddSeconds(1),
            [new CleanReading(metric, value, "Cel", ReadingFlags.None)]);

    /// <summary>One-minute windows only, unless sizes are given; five minutes of lateness.</summary>
    public static WindowOptions Windows(params TimeSpan[] sizes) =>
        new() { Sizes = sizes.Length == 0 ? [TimeSpan.FromMinutes(1)] : sizes };

    public static WindowKey Key(TimeSpan size, SeriesKey? series = null) => new(series ?? Temperature, size.Ticks);

    public static WindowKey Minute => Key(TimeSpan.FromMinutes(1));

    public static WindowKey Hour => Key(TimeSpan.FromHours(1));

    /// <summary>An accumulator holding the values.</summary>
    public static WindowAccumulator Accumulator(params double[] values) =>
        values.Aggregate(WindowAggregator.Create(), WindowAggregator.Add);

    /// <summary>Count, sum, min and max exactly; mean within 1e-9 relative.</summary>
    public static void AssertSameAggregate(WindowAggregate expected, WindowAggregate actual, string context)
    {
        Assert.True(expected.Count == actual.Count, $"{context}: count {actual.Count}, expected {expected.Count}");
        Assert.True(expected.Sum.Equals(actual.Sum), $"{context}: sum {actual.Sum}, expected {expected.Sum}");
        Assert.True(expected.Min.Equals(actual.Min), $"{context}: min {actual.Min}, expected {expected.Min}");
        Assert.True(expected.Max.Equals(actual.Max), $"{context}: max {actual.Max}, expected {expected.Max}");
        var tolerance = 1e-9 * Math.Max(1, Math.Abs(expected.Mean));
        Assert.True(Math.Abs(expected.Mean - actual.Mean) <= tolerance, $"{context}: mean {actual.Mean}, expected {expected.Mean}");
    }
}
