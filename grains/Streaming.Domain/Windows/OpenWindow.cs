namespace Streaming.Domain;

/// <summary>A window that is not final yet.</summary>
[GenerateSerializer, SuppressReferenceTracking, Alias("streaming.open-window.v1")]
public sealed class OpenWindow
{
    /// <summary>Window start, UTC ticks.</summary>
    [Id(3)] public long StartTicks { get; set; }

    /// <summary>Everything added so far.</summary>
    [Id(0)] public WindowAccumulator Accumulator { get; set; } = WindowAggregator.Create();

    /// <summary>Emissions so far.</summary>
    [Id(1)] public int Revision { get; set; }

    /// <summary>Changed since its last emission.</summary>
    [Id(2)] public bool Dirty { get; set; }
}
