namespace Streaming.Ingress;

/// <summary>
/// Names image formats the platform does not decode from their first bytes, so the refusal can say what was sent.
/// JPEG and PNG are left to the decoder's own detection.
/// </summary>
internal static class ImageSignature
{
    /// <summary>The name of an unsupported image format these bytes start with, or null.</summary>
    public static string? Unsupported(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "GIF";
        }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "WebP";
        }
        if (head.StartsWith("BM"u8) && head.Length >= 14)
        {
            return "BMP";
        }
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
        {
            return "TIFF";
        }
        // ISO base media file (HEIF family): a box size, then "ftyp" and the major brand.
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = head[8..12];
            return brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8) ? "AVIF"
                : brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("hevc"u8)
                    || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8) || brand.SequenceEqual("mif1"u8)
                    || brand.SequenceEqual("msf1"u8) ? "HEIC/HEIF"
                : null;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A]) || head.StartsWith("\0\0\0\u000CJXL "u8))
        {
            return "JPEG XL";
        }
        if (head.StartsWith("%PDF"u8))
        {
            return "PDF";
        }
        return null;
    }
}
