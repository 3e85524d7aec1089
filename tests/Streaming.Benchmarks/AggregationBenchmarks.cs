using BenchmarkDotNet.Attributes;
using Streaming.Domain;

namespace Streaming.Benchmarks;

/// <summary>
/// The window aggregate's parts: <see cref="WindowAggregator.Merge"/> of two accumulators with sketches (what a
/// roll-up does per child delta), and <see cref="QuantileSketch.Add"/> of one value into a warm sketch. Kept apart
/// from <see cref="WindowBenchmarks"/> (as Aggregation/ is apart from Windows/ in Domain) because key skew does not
/// apply here. The accumulators hold a minute of one pollutant at 1 Hz: 60 long-tailed values each.
/// </summary>
[MemoryDiagnoser]
public class AggregationBenchmarks
{
    private const int Values = 1_024;

    private readonly double[] _values = new double[Values];
    private WindowAccumulator _into = null!;
    private WindowAccumulator _other = null!;
    private QuantileSketch _sketch = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < Values; i++)
        {
            _values[i] = Data.Value(random, 12);
        }
        _into = WindowAggregator.Create();
        _other = WindowAggregator.Create();
        for (var i = 0; i < 60; i++)
        {
            WindowAggregator.Add(_into, _values[i]);
            WindowAggregator.Add(_other, _values[60 + i]);
        }
        _sketch = new QuantileSketch();
        foreach (var value in _values)
        {
            _sketch.Add(value);
        }
    }

    /// <summary>Merges into the same accumulator each time; its buckets stop growing after the first merge.</summary>
    [Benchmark]
    public WindowAccumulator Merge() => WindowAggregator.Merge(_into, _other);

    [Benchmark(OperationsPerInvoke = Values)]
    public long SketchAdd()
    {
        foreach (var value in _values)
        {
            _sketch.Add(value);
        }
        return _sketch.Count;
    }
}
