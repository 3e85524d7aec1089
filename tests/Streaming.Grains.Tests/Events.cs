using Streaming.Domain;

namespace Streaming.Grains.Tests;

/// <summary>Builds sensor envelopes at fixed times.</summary>
internal static class Events
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static EventEnvelope Sensor(string source, int second, params (string Metric, double Value)[] readings) =>
        SensorAt(source, T0.AddSeconds(second), second, readings);

    public static EventEnvelope SensorAt(string source, DateTimeOffset time, long sequence, params (string Metric, double Value)[] readings) =>
        new(new EnvelopeId($"{source}#{sequence}"), new SourceId(source), EventKind.Sensor, null, time, sequence,
            Provenance.Http("/test", DateTimeOffset.UtcNow),
            new SensorPayload([.. readings.Select(r => new Reading(r.Metric, r.Value, null))]));

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
