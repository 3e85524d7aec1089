namespace Streaming.Domain;

/// <summary>A final window kept for queries; roll-ups also keep its accumulator so late deltas can revise it.</summary>
[GenerateSerializer, SuppressReferenceTracking, Alias("streaming.closed-window.v1")]
public sealed class ClosedWindow
{
    /// <summary>Window start, UTC ticks.</summary>
    [Id(0)] public long StartTicks { get; set; }

    /// <summary>The final values.</summary>
    [Id(1)] public required WindowAggregate Aggregate { get; set; }

    /// <summary>Emissions so far.</summary>
    [Id(2)] public int Revision { get; set; }

    /// <summary>Kept only by roll-ups.</summary>
    [Id(3)] public WindowAccumulator? Accumulator { get; set; }
}
