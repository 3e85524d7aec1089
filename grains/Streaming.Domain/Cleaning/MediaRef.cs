namespace Streaming.Domain;

/// <summary>What staff may see of a stored image: its hashes and size, never its location.</summary>
/// <param name="ContentHash">SHA-256 of the original.</param>
/// <param name="ThumbnailHash">SHA-256 of the stored thumbnail (no metadata), when there is one.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="NearDuplicateOf">Content hash of the recent image it nearly duplicates, if any.</param>
[GenerateSerializer, Immutable, Alias("streaming.media-ref.v1")]
public sealed record MediaRef(
    [property: Id(0)] string ContentHash,
    [property: Id(1)] string? ThumbnailHash,
    [property: Id(2)] int Width,
    [property: Id(3)] int Height,
    [property: Id(4)] string? NearDuplicateOf);
