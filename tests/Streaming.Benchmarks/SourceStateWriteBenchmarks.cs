using BenchmarkDotNet.Attributes;
using Streaming.Domain;

namespace Streaming.Benchmarks;

/// <summary>
/// The state write a source grain makes with every batch: its <see cref="SourceCleaningState"/> through the Orleans binary
/// serializer, after one 3-reading event a second for <see cref="Seconds"/>. Its dedupe memories hold every envelope id
/// and reading of the last ten minutes (the default horizon), so the write grows with the source's rate. Metric names
/// are strings of their own per event, as the decoder makes them.
/// </summary>
[MemoryDiagnoser]
public class SourceStateWriteBenchmarks
{
    private SourceCleaningState _state = null!;

    [Params(60, 600)]
    public int Seconds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var cleaning = new CleaningOptions();
        var source = new SourceId("aq-1");
        _state = new SourceCleaningState();
        for (var second = 0; second < Seconds; second++)
        {
            var time = Data.Epoch.AddSeconds(second);
            Reading[] readings = [.. Data.Metrics.Select(m => new Reading(new string(m.Metric.AsSpan()), Data.Value(random, m.Typical), m.Unit))];
            var envelope = new EventEnvelope(new EnvelopeId($"aq-1#{second}"), source, EventKind.Sensor, null, time, second,
                Provenance.Http("/api/ingest", time.AddSeconds(1)), new SensorPayload(readings));
            if (ContentCleaning.Clean(envelope, _state, cleaning).Event is null)
            {
                throw new InvalidOperationException("an event was not accepted; the state would not be the one described");
            }
        }
    }

    [Benchmark]
    public byte[] WriteSourceState() => Data.StateSerializer.SerializeToArray(_state);
}
