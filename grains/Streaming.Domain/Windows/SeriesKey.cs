namespace Streaming.Domain;

/// <summary>What a window series measures: an event kind and a canonical metric name.</summary>
[GenerateSerializer, Immutable, Alias("streaming.series-key.v1")]
public readonly record struct SeriesKey([property: Id(0)] EventKind Kind, [property: Id(1)] string Metric)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}/{Metric}";
}
