namespace Streaming.Domain;

/// <summary>What a source's previous reading of one metric was, for the stuck and spike checks.</summary>
[GenerateSerializer, Alias("streaming.metric-memory.v1")]
public sealed class MetricMemory
{
    /// <summary>Event time of the newest reading.</summary>
    [Id(0)] public DateTimeOffset LastTime { get; set; }

    /// <summary>Value of the newest reading.</summary>
    [Id(1)] public double LastValue { get; set; }

    /// <summary>How many readings in a row (by event time) had exactly <see cref="LastValue"/>.</summary>
    [Id(2)] public int Repeats { get; set; }
}
