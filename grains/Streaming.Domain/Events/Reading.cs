namespace Streaming.Domain;

/// <summary>One measured value of one metric, with the unit the sender gave (null when none).</summary>
[GenerateSerializer, Immutable, Alias("streaming.reading.v1")]
public readonly record struct Reading(
    [property: Id(0)] string Metric,
    [property: Id(1)] double Value,
    [property: Id(2)] string? Unit);
