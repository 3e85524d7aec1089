using BenchmarkDotNet.Attributes;
using Streaming.Domain;

namespace Streaming.Benchmarks;

/// <summary>
/// <see cref="EntityModel.Apply"/> of one clean 3-reading event to a warm entity, as an entity grain does when its
/// sensor's events arrive one per delivery (the sensor bench's 10,000 sources at a few events a second): the fixed cost
/// of a batch (the outcome array, the roll-up deltas gathered and sorted) is paid per event. Event time moves 5 s per
/// event. The event is built inside the measurement (its id must be new): one event and its three readings.
/// </summary>
[MemoryDiagnoser]
public class EntitySingleEventBenchmarks
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly WindowOptions _options = new();
    private readonly SourceId _source = new("aq-1");
    private readonly EntityKey _key = new("source:aq-1");
    private readonly CleanReading[] _readings =
        [.. Data.Metrics.Select(m => new CleanReading(m.Metric, m.Typical, m.Unit, ReadingFlags.None))];
    private EntityState _state = null!;
    private long _seq;

    [GlobalSetup]
    public void Setup()
    {
        _state = new EntityState();
        for (var i = 0; i < 1_000; i++)
        {
            ApplyOne();
        }
    }

    [Benchmark]
    public EntityBatchResult ApplyOne()
    {
        var seq = _seq++;
        var time = Data.Epoch + (seq * Interval);
        return EntityModel.Apply(_state, [new CleanEvent(new EnvelopeId($"aq-1#{seq}"), _source, _key, EventKind.Sensor, time, time, _readings)],
            _options, maxDedupeEntries: 20_000);
    }
}
