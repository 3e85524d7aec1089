using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>An image to compare with recent ones: which event, its hashes, who sent it and when it was taken.</summary>
[GenerateSerializer, Immutable, Alias("streaming.media-check.v1")]
public sealed record MediaCheck(
    [property: Id(0)] EnvelopeId Id,
    [property: Id(1)] MediaPayload Image,
    [property: Id(2)] string Source,
    [property: Id(3)] DateTimeOffset EventTime);
