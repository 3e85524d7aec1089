using BenchmarkDotNet.Attributes;
using Streaming.Domain;

namespace Streaming.Benchmarks;

/// <summary>
/// <see cref="SensorCleaning.Clean"/> of one 3-reading event against its source's warm state. Each source sends an
/// event every 10 s of event time (so its dedupe memory holds about the 10-minute horizon); which source sends next is
/// Zipf-drawn over <see cref="Sources"/>. Every event is new (fresh id and time), so this measures the accept path.
/// Events are built in <see cref="NextEvents"/>, outside the measurement, because cleaning consumes them.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Events)]
public class CleanBenchmarks
{
    private const int Events = 131_072;
    private const int WarmEventsPerSource = 130;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly CleaningOptions _options = new();
    private readonly Provenance _provenance = Provenance.Http("/ingest/sensors", Data.Epoch);
    private readonly EventEnvelope[] _events = new EventEnvelope[Events];
    private readonly int[] _eventSources = new int[Events];
    private Random _random = null!;
    private Zipf _zipf = null!;
    private SourceCleaningState[] _states = [];
    private long[] _sent = [];
    private int _next;

    [Params(100, 10_000)]
    public int Sources { get; set; }

    [Params(0.0, 1.0)]
    public double Skew { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _random = new Random(42);
        _zipf = new Zipf(Sources, Skew, _random);
        _states = [.. Enumerable.Range(0, Sources).Select(_ => new SourceCleaningState())];
        _sent = new long[Sources];
        for (var round = 0; round < WarmEventsPerSource; round++)
        {
            for (var s = 0; s < Sources; s++)
            {
                if (SensorCleaning.Clean(NewEvent(s), _states[s], _options).Event is null)
                {
                    throw new InvalidOperationException("a warm-up event was rejected; the benchmark would measure the wrong path");
                }
            }
        }
    }

    [IterationSetup]
    public void NextEvents()
    {
        for (var i = 0; i < Events; i++)
        {
            var source = _zipf.Next();
            _eventSources[i] = source;
            _events[i] = NewEvent(source);
        }
        _next = 0;
    }

    [Benchmark]
    public CleanOutcome Clean()
    {
        // Wraps only if the engine invokes more often than InvocationCount; a wrapped event is a (cheap) duplicate.
        var i = _next++ % Events;
        return SensorCleaning.Clean(_events[i], _states[_eventSources[i]], _options);
    }

    private EventEnvelope NewEvent(int source)
    {
        var seq = _sent[source]++;
        var id = new SourceId($"aq-{source}");
        Reading[] readings = [.. Data.Metrics.Select(m => new Reading(m.Metric, Data.Value(_random, m.Typical), m.Unit))];
        return new EventEnvelope(new EnvelopeId($"{id.Value}#{seq}"), id, EventKind.Sensor, null,
            Data.Epoch + (seq * Interval), seq, _provenance, new SensorPayload(readings));
    }
}
