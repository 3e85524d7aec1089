namespace Streaming.Domain;

/// <summary>The recent image closest to a new one, as found by <see cref="NearDuplicateIndex.Check"/>.</summary>
/// <param name="Entry">The remembered image.</param>
/// <param name="Distance">Bits in which the perceptual hashes differ (0–64).</param>
/// <param name="SameContent">Whether the bytes are identical (same content hash), not only the picture.</param>
[GenerateSerializer, Immutable, Alias("streaming.near-duplicate-match.v1")]
public sealed record NearDuplicateMatch(
    [property: Id(0)] NearDuplicateEntry Entry,
    [property: Id(1)] int Distance,
    [property: Id(2)] bool SameContent);
