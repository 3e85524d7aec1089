namespace Streaming.Ingress;

/// <summary>An archived image's facts: the stored original and thumbnail by hash, never the bytes themselves.</summary>
public sealed record ArchivedImage(
    string ContentHash, string MediaType, int Width, int Height, long Bytes, ulong PerceptualHash, string? ThumbnailHash, DateTimeOffset? TakenAt);
