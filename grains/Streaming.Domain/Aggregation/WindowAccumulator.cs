namespace Streaming.Domain;

/// <summary>
/// Mutable running state of one window's aggregate, driven by <see cref="WindowAggregator"/>. Empty is
/// <see cref="Count"/> 0, <see cref="Min"/> +∞ and <see cref="Max"/> −∞, the identities of merging.
/// </summary>
[GenerateSerializer, SuppressReferenceTracking, Alias("streaming.window-accumulator.v1")]
public sealed class WindowAccumulator
{
    /// <summary>Number of values added.</summary>
    [Id(0)] public long Count { get; set; }

    /// <summary>Sum of the values, in arrival order.</summary>
    [Id(1)] public double Sum { get; set; }

    /// <summary>Smallest value; +∞ when empty.</summary>
    [Id(2)] public double Min { get; set; } = double.PositiveInfinity;

    /// <summary>Largest value; −∞ when empty.</summary>
    [Id(3)] public double Max { get; set; } = double.NegativeInfinity;

    /// <summary>Running mean (Welford); 0 when empty.</summary>
    [Id(4)] public double Mean { get; set; }

    /// <summary>Sum of squared deviations from <see cref="Mean"/> (Welford's M2); population variance is M2 / Count.</summary>
    [Id(5)] public double M2 { get; set; }

    /// <summary>Quantile sketch of the values, within <see cref="QuantileSketch.RelativeAccuracy"/>.</summary>
    [Id(6)] public QuantileSketch Sketch { get; set; } = new();

    /// <summary>The terms (hashtags) the window's events carried, when any did; null for plain numeric series.</summary>
    [Id(7)] public HeavyHitters? Terms { get; set; }

    /// <summary>A deep copy, sketch included.</summary>
    public WindowAccumulator Clone() => new()
    {
        Count = Count,
        Sum = Sum,
        Min = Min,
        Max = Max,
        Mean = Mean,
        M2 = M2,
        Sketch = Sketch.Clone(),
        Terms = Terms?.Clone(),
    };
}
