namespace Streaming.Domain;

/// <summary>
/// An image, decoded and checked at ingress: the original and its thumbnail are stored by content hash and
/// referenced here. <see cref="Location"/> (from EXIF GPS) is used to link the image to a place and is never shown
/// to staff; the stored thumbnail carries no metadata.
/// </summary>
/// <param name="ContentHash">SHA-256 of the original bytes, lower-case hex: the stored original's name.</param>
/// <param name="MediaType">The decoded format, e.g. <c>image/jpeg</c>.</param>
/// <param name="Width">Width in pixels, after applying the EXIF orientation.</param>
/// <param name="Height">Height in pixels, after applying the EXIF orientation.</param>
/// <param name="Bytes">Size of the original.</param>
/// <param name="PerceptualHash">64-bit perceptual hash (DCT of the 32x32 luminance): near-identical images differ in few bits.</param>
[GenerateSerializer, Immutable, Alias("streaming.payload.media.v1")]
public sealed record MediaPayload(
    [property: Id(0)] string ContentHash,
    [property: Id(1)] string MediaType,
    [property: Id(2)] int Width,
    [property: Id(3)] int Height,
    [property: Id(4)] long Bytes,
    [property: Id(5)] ulong PerceptualHash) : Payload
{
    /// <summary>Where it was taken (EXIF GPS), for linking only.</summary>
    [Id(6)] public GeoPoint? Location { get; init; }

    /// <summary>SHA-256 of the stored thumbnail (longest side at most 256 px, no metadata), when one was made.</summary>
    [Id(7)] public string? ThumbnailHash { get; init; }

    /// <summary>When it was taken, per EXIF, when present and plausible (it is then also the event time).</summary>
    [Id(8)] public DateTimeOffset? TakenAt { get; init; }
}
