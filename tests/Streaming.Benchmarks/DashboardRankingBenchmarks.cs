using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Streaming.Dashboard;
using Streaming.Domain;

namespace Streaming.Benchmarks;

/// <summary>
/// What a silo's dashboard feed ranks once a second: the sources panel (<see cref="SourceBoard.Current"/>: the busiest
/// 20 and the 20 most recently silent of every source the silo heard) and a metric's top list
/// (<see cref="TopEntities.Take"/>: the 10 highest means among every entity with a window in the last hour), over
/// <see cref="Count"/> sources and entities, as in the sensor bench's 10,000.
/// </summary>
[MemoryDiagnoser]
public class DashboardRankingBenchmarks
{
    private static readonly SeriesKey Pm25 = new(EventKind.Sensor, "pm25");
    private readonly DateTimeOffset _now = Data.Epoch.AddMinutes(1);
    private SourceBoard _sources = null!;
    private TopEntities _top = null!;

    [Params(10_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _sources = new SourceBoard(Options.Create(new DashboardOptions()));
        _top = new TopEntities();
        for (var i = 0; i < Count; i++)
        {
            var source = new SourceId($"aq-{i}");
            var heard = Data.Epoch.AddSeconds(random.Next(60));
            var reading = new CleanReading("pm25", Data.Value(random, 12), "ug/m3", ReadingFlags.None);
            _sources.Count([new CleanEvent(new EnvelopeId($"aq-{i}#1"), source, EntityKey.ForSource(source), EventKind.Sensor, heard, heard, [reading])], heard);
            var accumulator = WindowAggregator.Add(WindowAggregator.Create(), reading.Value);
            _top.Observe($"source:aq-{i}", [new WindowResult(Pm25, TimeSpan.FromMinutes(1), Data.Epoch, Data.Epoch.AddMinutes(1), WindowAggregator.Result(accumulator), 1, true)]);
        }
    }

    [Benchmark]
    public SourcePanel SourcesPanel() => _sources.Current(_now);

    [Benchmark]
    public TopList? TopList() => _top.Take(Pm25.ToString(), always: true);
}
