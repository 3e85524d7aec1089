using BenchmarkDotNet.Attributes;
using Streaming.Domain;

namespace Streaming.Benchmarks;

/// <summary>
/// The record an area's roll-up writes on every commit (once per forward interval while its entities stream): its windows
/// and the highest segment applied per child that merged since the last settling, up to 4,096 of them by default.
/// <see cref="Children"/> recent children, each with one 1 min and one 1 h delta merged.
/// </summary>
[MemoryDiagnoser]
public class RollupStateWriteBenchmarks
{
    private RollupState _state = null!;

    [Params(64, 4096)]
    public int Children { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new WindowOptions();
        var series = new SeriesKey(EventKind.Sensor, "pm25");
        _state = new RollupState();
        var emitted = new List<WindowResult>();
        for (var child = 0; child < Children; child++)
        {
            WindowDelta[] deltas = [.. new[] { TimeSpan.FromMinutes(1), TimeSpan.FromHours(1) }.Select(size => new WindowDelta(
                new WindowKey(series, size.Ticks), Data.Epoch.UtcTicks, WindowAggregator.Add(WindowAggregator.Create(), child % 50), Data.Epoch.UtcTicks))];
            RollupModel.Merge(_state, $"source:sensor-{child:D5}", [new RollupSegment(1, deltas)], options, Data.Epoch, emitted);
        }
    }

    [Benchmark]
    public byte[] Commit() => Data.StateSerializer.SerializeToArray(_state);
}
