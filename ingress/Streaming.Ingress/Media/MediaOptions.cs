using System.ComponentModel.DataAnnotations;

namespace Streaming.Ingress;

/// <summary>Image ingest: limits for untrusted images and where they are stored, bound from <c>Media</c>.</summary>
public sealed class MediaOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Media";

    /// <summary>
    /// Folder for originals and thumbnails, named by content hash. Default <c>data/media</c> beside the silo's binaries
    /// (as for the event archive), so it survives a restart but not a clean of the build output. Files are kept until deleted.
    /// </summary>
    [Required]
    public string Folder { get; set; } = DefaultFolder;

    /// <summary>Largest image accepted, in bytes. Default 16 MiB.</summary>
    [Range(1, 256 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Most pixels (width x height, from the header) an image may have; checked before any pixel is allocated, since a
    /// small file can claim a huge picture. Decoding takes 3 bytes per pixel. Default 40 megapixels.
    /// </summary>
    [Range(1, 200_000_000)]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Widest image accepted, in pixels. Default 12,000.</summary>
    [Range(1, 65_535)]
    public int MaxWidth { get; set; } = 12_000;

    /// <summary>Tallest image accepted, in pixels. Default 12,000.</summary>
    [Range(1, 65_535)]
    public int MaxHeight { get; set; } = 12_000;

    /// <summary>Longest time decoding one image (with its thumbnail and hashes) may take; beyond it the image is refused as too large. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan DecodeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most images decoded at once in this process; the others wait. Bounds memory: a decode holds up to
    /// <see cref="MaxPixels"/> × 4 bytes (about 160 MB at the default). Default: the number of processors.
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentDecodes { get; set; } = Environment.ProcessorCount;

    /// <summary>Longest side of the stored thumbnail, in pixels. Default 256.</summary>
    [Range(16, 2048)]
    public int ThumbnailSize { get; set; } = 256;

    /// <summary>JPEG quality of the thumbnail (1–100). Default 80.</summary>
    [Range(1, 100)]
    public int ThumbnailQuality { get; set; } = 80;

    /// <summary>
    /// IANA zone assumed for an EXIF capture time that has neither an offset nor a GPS time to infer one from.
    /// Default <c>Europe/London</c>.
    /// </summary>
    [Required]
    public string LocalTimeZone { get; set; } = "Europe/London";

    /// <summary>The default media folder.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "data", "media");
}
