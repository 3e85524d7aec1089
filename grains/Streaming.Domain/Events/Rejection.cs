namespace Streaming.Domain;

/// <summary>One rejected item, with its position in the input (or -1) and why.</summary>
/// <param name="Index">Position of the item in the submitted batch; -1 when the whole body failed.</param>
/// <param name="Reason">Machine-readable reason.</param>
/// <param name="Detail">What was wrong, in words, without the payload.</param>
[GenerateSerializer, Immutable, Alias("streaming.rejection.v1")]
public sealed record Rejection(
    [property: Id(0)] int Index,
    [property: Id(1)] RejectReason Reason,
    [property: Id(2)] string Detail);
