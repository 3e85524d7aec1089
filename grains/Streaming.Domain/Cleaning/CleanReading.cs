namespace Streaming.Domain;

/// <summary>An accepted reading in its canonical metric name and unit, with quality flags.</summary>
[GenerateSerializer, Immutable, Alias("streaming.clean-reading.v1")]
public readonly record struct CleanReading(
    [property: Id(0)] string Metric,
    [property: Id(1)] double Value,
    [property: Id(2)] string Unit,
    [property: Id(3)] ReadingFlags Flags);
