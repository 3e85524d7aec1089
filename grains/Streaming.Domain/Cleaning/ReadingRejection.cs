namespace Streaming.Domain;

/// <summary>A rejected reading (or, with a null metric, a whole rejected event) and why.</summary>
[GenerateSerializer, Immutable, Alias("streaming.reading-rejection.v1")]
public sealed record ReadingRejection(
    [property: Id(0)] EnvelopeId Envelope,
    [property: Id(1)] string? Metric,
    [property: Id(2)] RejectReason Reason,
    [property: Id(3)] string Detail);
