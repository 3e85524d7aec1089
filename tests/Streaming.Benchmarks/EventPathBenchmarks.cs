using System.Text;
using BenchmarkDotNet.Attributes;
using Streaming.Domain;
using Streaming.Grains.Abstractions;
using Streaming.Ingress;

namespace Streaming.Benchmarks;

/// <summary>
/// Everything the domain does for one event of the sensor bench, on one thread with no Orleans, transport or broker in
/// between: decode the sensor JSON, link and clean it against its source, count it in the source's activity, apply it to
/// its entity (windows, current values, roll-up deltas, which the area confirms at once), write both states with the
/// Orleans serializer as grain storage does, and make the Kafka messages (the clean event, the entity snapshot, any
/// window that closed). <see cref="Sources"/> sources send in turn, one event every 13 s of event time each (the harness's
/// 10,000 sources at 750 ev/s), and are warmed with ten minutes of events, so dedupe memories and windows are full.
/// The silo's CPU per event less this is what Orleans, the transports and the hops between them cost. <see cref="UpTo"/>
/// stops the path after a step, so the differences price each step. Bodies are built in <see cref="NextBodies"/>, outside
/// the measurement, because each event must be new.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Events)]
public class EventPathBenchmarks
{
    private const int Events = 65_536;
    private const int WarmEventsPerSource = 46; // ten minutes at 13 s
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(13);
    private const double LinkDistanceMetres = 250; // LinkingOptions' default; the bench's events carry no location

    private readonly CleaningOptions _cleaning = new();
    private readonly WindowOptions _windows = new();
    private readonly PlaceIndex _places = new([]);
    private readonly (byte[] Body, DecodeContext Context)[] _bodies = new (byte[], DecodeContext)[Events];
    private readonly int[] _bodySources = new int[Events];
    private WindowOptions _activity = null!;
    private Random _random = null!;
    private SourceCleaningState[] _sourceStates = [];
    private EntityState[] _entityStates = [];
    private long[] _sent = [];
    private int _nextSource;
    private int _next;

    /// <summary>The steps of the path, in order; a run measures every step up to and including <see cref="UpTo"/>.</summary>
    public enum Step { Decode, Clean, Apply, WriteSourceState, WriteStates, Produce }

    [Params(10_000)]
    public int Sources { get; set; }

    [Params(Step.Decode, Step.Clean, Step.Apply, Step.WriteSourceState, Step.WriteStates, Step.Produce)]
    public Step UpTo { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _activity = SourceActivity.Retaining(_windows);
        _random = new Random(42);
        _sourceStates = [.. Enumerable.Range(0, Sources).Select(_ => new SourceCleaningState())];
        _entityStates = [.. Enumerable.Range(0, Sources).Select(_ => new EntityState())];
        _sent = new long[Sources];
        for (var i = 0; i < WarmEventsPerSource * Sources; i++)
        {
            var source = NextSource();
            var (body, context) = NewBody(source);
            if (Process(body, context, source, Step.Produce) == 0)
            {
                throw new InvalidOperationException("a warm-up event was not applied; the benchmark would measure the wrong path");
            }
        }
    }

    [IterationSetup]
    public void NextBodies()
    {
        for (var i = 0; i < Events; i++)
        {
            var source = NextSource();
            _bodySources[i] = source;
            _bodies[i] = NewBody(source);
        }
        _next = 0;
    }

    /// <summary>One event, decoded to produced; returns the bytes written (states and messages).</summary>
    [Benchmark]
    public int OneEvent()
    {
        // Wraps only if the engine invokes more often than InvocationCount; a wrapped event is a (cheap) duplicate.
        var i = _next++ % Events;
        return Process(_bodies[i].Body, _bodies[i].Context, _bodySources[i], UpTo);
    }

    private int Process(byte[] body, DecodeContext context, int source, Step upTo)
    {
        if (SensorJsonDecoder.Decode(body, context).Envelopes is not [var decoded])
        {
            return 0;
        }
        if (upTo == Step.Decode)
        {
            return 1;
        }
        var sourceState = _sourceStates[source];
        var envelope = EventLinker.Resolve(decoded, sourceState.Link, _places, LinkDistanceMetres);
        if (ContentCleaning.Clean(envelope, sourceState, _cleaning).Event is not { } clean)
        {
            return 0;
        }
        if (upTo == Step.Clean)
        {
            return 1;
        }
        CleanEvent[] batch = [clean];
        var entity = _entityStates[source];
        var result = EntityModel.Apply(entity, batch, _windows, _cleaning.MaxDedupeEntries, _cleaning.DedupeHorizon);
        if (result.Outcomes[0] != ApplyOutcome.Applied)
        {
            return 0;
        }
        entity.Outbox.Enqueue(result.Deltas);
        entity.Outbox.Confirm(entity.Outbox.LastSeq);
        SourceActivity.Count(sourceState, batch, _activity);
        if (upTo == Step.Apply)
        {
            return 1;
        }

        var written = Data.StateSerializer.SerializeToArray(sourceState).Length;
        if (upTo == Step.WriteSourceState)
        {
            return written;
        }
        written += Data.StateSerializer.SerializeToArray(entity).Length;
        if (upTo == Step.WriteStates)
        {
            return written;
        }
        written += CloudEventMessages.Clean(clean).Value.Length;
        written += CloudEventMessages.Entity(EntitySnapshot.Of(clean.Entity.Value, entity, _windows)).Value.Length;
        foreach (var window in result.Emitted)
        {
            written += CloudEventMessages.Window(clean.Entity.Value, window).Value.Length;
        }
        return written;
    }

    private int NextSource() => _nextSource++ % Sources;

    // Received a second after its event time, as a transport's decode context says.
    private (byte[] Body, DecodeContext Context) NewBody(int source)
    {
        var seq = _sent[source]++;
        var time = Data.Epoch + (seq * Interval);
        var context = new DecodeContext(Provenance.Http("/ingest/sensors", time.AddSeconds(1)), null, null, DecodeLimits.Default);
        return (Encoding.UTF8.GetBytes(DecodeBenchmarks.SensorObject(_random, $"aq-{source}", time, seq)), context);
    }
}
