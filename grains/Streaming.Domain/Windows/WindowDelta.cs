namespace Streaming.Domain;

/// <summary>
/// The part of one window that a batch of events contributed: what a child (entity or area) sends its
/// roll-up, which merges it into its own window. Mergeable accumulators make this exact.
/// </summary>
[GenerateSerializer, SuppressReferenceTracking, Immutable, Alias("streaming.window-delta.v1")]
public sealed record WindowDelta(
    [property: Id(0)] WindowKey Key,
    [property: Id(1)] long StartTicks,
    [property: Id(2)] WindowAccumulator Accumulator,
    [property: Id(3)] long MaxEventTicks);
