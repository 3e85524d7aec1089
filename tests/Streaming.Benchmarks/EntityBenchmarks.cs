using BenchmarkDotNet.Attributes;
using Streaming.Domain;

namespace Streaming.Benchmarks;

/// <summary>
/// <see cref="EntityModel.Apply"/> of a batch of 100 clean 3-reading events to one entity, as an entity grain does
/// per delivery: dedupe, lateness, current values, windows (1 min and 1 h), Advance, and the roll-up deltas. The entity
/// of each batch is Zipf-drawn over <see cref="Entities"/> warm entities; each entity's event time moves 5 s per event.
/// Batches are built in <see cref="NextBatches"/>, outside the measurement, because applying consumes them.
/// Results are per event.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Batches)]
public class EntityBenchmarks
{
    private const int BatchSize = 100;
    private const int Batches = 1_024;
    private const int WarmBatchesPerEntity = 30;
    private const int Entities = 1_000;
    private const int MaxDedupeEntries = 20_000;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly WindowOptions _options = new();
    private readonly Provenance _provenance = Provenance.Http("/ingest/sensors", Data.Epoch);
    private readonly CleanEvent[][] _batches = new CleanEvent[Batches][];
    private readonly int[] _batchEntities = new int[Batches];
    private Random _random = null!;
    private Zipf _zipf = null!;
    private EntityState[] _states = [];
    private long[] _sent = [];
    private int _next;

    [Params(0.0, 1.0)]
    public double Skew { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _random = new Random(42);
        _zipf = new Zipf(Entities, Skew, _random);
        _states = [.. Enumerable.Range(0, Entities).Select(_ => new EntityState())];
        _sent = new long[Entities];
        // 30 batches of 100 events at 5 s is over four hours of event time: the hour windows have closed several times.
        for (var round = 0; round < WarmBatchesPerEntity; round++)
        {
            for (var e = 0; e < Entities; e++)
            {
                var result = EntityModel.Apply(_states[e], NewBatch(e), _options, MaxDedupeEntries);
                if (result.Outcomes.Any(o => o != ApplyOutcome.Applied))
                {
                    throw new InvalidOperationException("a warm-up event was not applied; the benchmark would measure the wrong path");
                }
            }
        }
    }

    [IterationSetup]
    public void NextBatches()
    {
        for (var i = 0; i < Batches; i++)
        {
            var entity = _zipf.Next();
            _batchEntities[i] = entity;
            _batches[i] = NewBatch(entity);
        }
        _next = 0;
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public EntityBatchResult ApplyBatch()
    {
        // Wraps only if the engine invokes more often than InvocationCount; a wrapped batch is all (cheap) duplicates.
        var i = _next++ % Batches;
        return EntityModel.Apply(_states[_batchEntities[i]], _batches[i], _options, MaxDedupeEntries);
    }

    private CleanEvent[] NewBatch(int entity)
    {
        var batch = new CleanEvent[BatchSize];
        var key = new EntityKey($"site:{entity}");
        for (var i = 0; i < BatchSize; i++)
        {
            var seq = _sent[entity]++;
            var source = new SourceId($"aq-{entity}-{seq % 4}");
            var time = Data.Epoch + (seq * Interval);
            CleanReading[] readings =
                [.. Data.Metrics.Select(m => new CleanReading(m.Metric, Data.Value(_random, m.Typical), m.Unit, ReadingFlags.None))];
            batch[i] = new CleanEvent(new EnvelopeId($"{source.Value}#{seq}"), source, key, EventKind.Sensor, time,
                _provenance.ReceivedAt + (seq * Interval), readings);
        }
        return batch;
    }
}
