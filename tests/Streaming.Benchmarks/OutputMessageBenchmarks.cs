using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Streaming.Domain;
using Streaming.Grains.Abstractions;
using Streaming.Ingress;

namespace Streaming.Benchmarks;

/// <summary>
/// The Kafka messages every event produces (<see cref="CloudEventMessages"/>): its clean event and its entity's snapshot,
/// each CloudEvents headers plus a JSON value, for a 3-reading sensor event; and a closed 1-minute window, one per series
/// a minute.
/// </summary>
[MemoryDiagnoser]
public class OutputMessageBenchmarks
{
    private static readonly CleanReading[] Readings =
        [.. Data.Metrics.Select(m => new CleanReading(m.Metric, m.Typical, m.Unit, ReadingFlags.None))];

    private readonly CleanEvent _event = new(new EnvelopeId("aq-1#42"), new SourceId("aq-1"), new EntityKey("source:aq-1"),
        EventKind.Sensor, Data.Epoch, Data.Epoch.AddSeconds(1), Readings);

    private readonly EntitySnapshot _snapshot = new("source:aq-1", "E01000001",
        Data.Metrics.ToDictionary(m => m.Metric, m => new CurrentValue(m.Typical, m.Unit, Data.Epoch, ReadingFlags.None, "aq-1")),
        42, 0, 1, Data.Epoch.AddSeconds(1), Data.Epoch.AddSeconds(-59), [], []);

    private readonly WindowResult _window = new(new SeriesKey(EventKind.Sensor, "pm25"), TimeSpan.FromMinutes(1), Data.Epoch,
        Data.Epoch.AddMinutes(1), new WindowAggregate(12, 144, 9, 15, 12, 1.5, 12, 14.5, 15), 1, true);

    [Benchmark]
    public Message<string?, byte[]> Clean() => CloudEventMessages.Clean(_event);

    [Benchmark]
    public Message<string?, byte[]> Entity() => CloudEventMessages.Entity(_snapshot);

    [Benchmark]
    public Message<string?, byte[]> Window() => CloudEventMessages.Window("source:aq-1", _window);
}
