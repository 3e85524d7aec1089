using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>What <see cref="ImageInspector"/> learned from an image that decoded within the limits.</summary>
/// <param name="MediaType">The decoded format: <c>image/jpeg</c> or <c>image/png</c>.</param>
/// <param name="Width">Width in pixels, after the EXIF orientation.</param>
/// <param name="Height">Height in pixels, after the EXIF orientation.</param>
/// <param name="Bytes">Size of the original.</param>
/// <param name="ContentHash">SHA-256 of the original, lower-case hex.</param>
/// <param name="PerceptualHash">The 64-bit DCT perceptual hash of the oriented picture.</param>
/// <param name="Thumbnail">The thumbnail: JPEG, oriented, longest side at most the configured size, no metadata at all.</param>
/// <param name="ThumbnailHash">SHA-256 of <paramref name="Thumbnail"/>, lower-case hex.</param>
public sealed record ImageFacts(
    string MediaType,
    int Width,
    int Height,
    long Bytes,
    string ContentHash,
    ulong PerceptualHash,
    ReadOnlyMemory<byte> Thumbnail,
    string ThumbnailHash)
{
    /// <summary>When it was taken, from EXIF <c>DateTimeOriginal</c> with the offset rule of <see cref="CaptureTime"/>; not yet checked for plausibility.</summary>
    public DateTimeOffset? TakenAt { get; init; }

    /// <summary>Where it was taken, from EXIF GPS (signed decimal degrees).</summary>
    public GeoPoint? Location { get; init; }
}
