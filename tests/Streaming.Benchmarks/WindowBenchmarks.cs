using BenchmarkDotNet.Attributes;
using Streaming.Domain;

namespace Streaming.Benchmarks;

/// <summary>
/// <see cref="WindowSet.Add"/> into one owner's windows (default sizes 1 min and 1 h), with
/// <see cref="WindowSet.Advance"/> after every batch of 100 readings, as an entity does per batch. Event time moves
/// 1 s per reading, so windows keep firing and closing. The series of each reading is Zipf-drawn over 16 metrics.
/// Results are per reading, the Advance included.
/// </summary>
[MemoryDiagnoser]
public class WindowBenchmarks
{
    private const int Batch = 100;
    private const int Series = 16;
    private const int Inputs = 4_096;

    private readonly WindowOptions _options = new();
    private readonly List<WindowResult> _emitted = [];
    private readonly SeriesKey[] _series = new SeriesKey[Inputs];
    private readonly double[] _values = new double[Inputs];
    private WindowSet _windows = null!;
    private long _ticks;
    private int _next;

    [Params(0.0, 1.0)]
    public double Skew { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var zipf = new Zipf(Series, Skew, random);
        for (var i = 0; i < Inputs; i++)
        {
            _series[i] = new SeriesKey(EventKind.Sensor, $"metric-{zipf.Next()}");
            _values[i] = Data.Value(random, 20);
        }
        _windows = new WindowSet();
        _ticks = Data.Epoch.UtcTicks;
        // Two hours of event time first, so the hour windows have closed once and the closed lists are in use.
        for (var i = 0; i < 72; i++)
        {
            AddBatch();
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int AddBatch()
    {
        for (var i = 0; i < Batch; i++)
        {
            var at = _next++ & (Inputs - 1);
            _ticks += TimeSpan.TicksPerSecond;
            _windows.Add(_series[at], _values[at], new DateTimeOffset(_ticks, TimeSpan.Zero), _options, null);
        }
        _emitted.Clear();
        _windows.Advance(_options, _emitted);
        return _emitted.Count;
    }
}
