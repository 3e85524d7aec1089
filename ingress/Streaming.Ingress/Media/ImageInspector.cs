using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Streaming.Domain;
using static System.FormattableString;

namespace Streaming.Ingress;

/// <summary>
/// Decodes an untrusted image safely and describes it (<see cref="ImageFacts"/>), or says why it was refused. In order:
/// byte size; formats named from magic bytes (GIF, WebP, BMP, TIFF, HEIC and others are refused by name); the header
/// alone (dimensions checked against the limits before any pixel is allocated, so a decompression bomb costs nothing);
/// then a full decode bounded by <see cref="MediaOptions.DecodeTimeout"/>. Damaged or hostile files come back as
/// rejections, never as exceptions.
/// </summary>
/// <remarks>
/// Only ImageSharp's JPEG and PNG decoders are registered: the others in 2.1.x have had advisories for crafted files,
/// and the platform does not need them.
/// </remarks>
public sealed class ImageInspector(IOptions<MediaOptions> options)
{
    private static readonly Configuration Formats = new(new JpegConfigurationModule(), new PngConfigurationModule());
    private readonly MediaOptions _options = options.Value;
    private readonly TimeZoneInfo _zone = TimeZones.Find(options.Value.LocalTimeZone);

    /// <summary>Checks, decodes and describes one image.</summary>
    /// <param name="body">The image file's bytes.</param>
    /// <param name="contentType">The media type the sender declared, if any; only <c>image/*</c> and <c>application/octet-stream</c> are let through.</param>
    public ImageInspection Inspect(ReadOnlyMemory<byte> body, string? contentType = null)
    {
        if (body.IsEmpty)
        {
            return ImageInspection.Refused(RejectReason.Malformed, "the image is empty (0 bytes)");
        }
        if (body.Length > _options.MaxBytes)
        {
            return ImageInspection.Refused(RejectReason.TooLarge, Invariant($"the image is {body.Length} bytes; at most {_options.MaxBytes} are accepted"));
        }
        if (contentType is not null && !IsImageContentType(contentType))
        {
            return ImageInspection.Refused(RejectReason.UnsupportedFormat, $"content type {contentType} is not an image; send image/jpeg or image/png");
        }
        if (ImageSignature.Unsupported(body.Span) is { } name)
        {
            return ImageInspection.Refused(RejectReason.UnsupportedFormat, $"{name} images are not accepted; send JPEG or PNG");
        }

        using var stream = OpenRead(body);
        IImageInfo? info;
        IImageFormat? format;
        try
        {
            info = Image.Identify(Formats, stream, out format);
        }
        catch (Exception e) when (ImageFaults.Classify(e) is { } fault)
        {
            return ImageInspection.Refused(fault.Reason, "the image header cannot be read: " + fault.Detail);
        }
        if (info is null || format is null)
        {
            // A JPEG start of image (FF D8) too short for the decoder to detect is a truncated JPEG, not another format.
            return body.Span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8])
                ? ImageInspection.Refused(RejectReason.Malformed, Invariant($"a JPEG cut short: {body.Length} bytes, no frame header"))
                : ImageInspection.Refused(RejectReason.UnsupportedFormat, "not a JPEG or PNG image (unrecognised signature)");
        }
        if (CheckDimensions(format, info.Width, info.Height) is { } refused)
        {
            return refused;
        }

        stream.Position = 0;
        // The token stops the decoder part-way; the clock decides (a timer can fire late on a busy machine).
        using var timeout = new CancellationTokenSource(_options.DecodeTimeout);
        var started = Stopwatch.GetTimestamp();
        bool TooSlow() => timeout.IsCancellationRequested || Stopwatch.GetElapsedTime(started) > _options.DecodeTimeout;
        Image<Rgb24> image;
        var tooSlow = ImageInspection.Refused(RejectReason.TooLarge, Invariant($"decoding took longer than the limit of {_options.DecodeTimeout.TotalSeconds:0.###} s"));
        try
        {
            // Synchronous on the calling thread; the JPEG and PNG decoders check the token as they go, though not
            // everywhere: a decode that finishes past the bound is refused all the same.
            image = Formats.ImageFormatsManager.FindDecoder(format).Decode<Rgb24>(Formats, stream, timeout.Token);
        }
        catch (OperationCanceledException) when (TooSlow())
        {
            return tooSlow;
        }
        catch (Exception e) when (ImageFaults.Classify(e) is { } fault)
        {
            return ImageInspection.Refused(fault.Reason, "the image data cannot be decoded: " + fault.Detail);
        }

        using (image)
        {
            // The bound covers the thumbnail and hashes too: an image whose whole inspection ran over it is refused.
            var facts = TooSlow() ? null : Describe(image, format, body.Span);
            return facts is null || TooSlow() ? tooSlow : ImageInspection.Accepted(facts);
        }
    }

    private ImageInspection? CheckDimensions(IImageFormat format, int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            return ImageInspection.Refused(RejectReason.Malformed, Invariant($"the {format.Name} header gives a size of {width}x{height}"));
        }
        if (width > _options.MaxWidth || height > _options.MaxHeight || (long)width * height > _options.MaxPixels)
        {
            return ImageInspection.Refused(RejectReason.TooLarge, Invariant(
                $"the image is {width}x{height} pixels; at most {_options.MaxWidth}x{_options.MaxHeight} and {_options.MaxPixels} pixels are accepted"));
        }
        return null;
    }

    private ImageFacts Describe(Image<Rgb24> image, IImageFormat format, ReadOnlySpan<byte> original)
    {
        var exif = image.Metadata.ExifProfile;
        var turned = ExifReader.Orientation(exif) >= 5;
        var (width, height) = turned ? (image.Height, image.Width) : (image.Width, image.Height);
        var takenAt = ExifReader.TakenAt(exif, _zone);
        var location = ExifReader.Location(exif);

        // Resize before turning: the longest side is the same either way, and turning 256 px is cheaper than 12 MP.
        var longest = Math.Max(image.Width, image.Height);
        var scale = Math.Min(1.0, (double)_options.ThumbnailSize / longest);
        var size = new Size(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)));
        image.Mutate(x =>
        {
            if (scale < 1)
            {
                x.Resize(size);
            }
            x.AutoOrient();
        });
        Strip(image);

        var thumbnail = new MemoryStream();
        image.Save(thumbnail, new JpegEncoder { Quality = _options.ThumbnailQuality });
        var thumbnailBytes = thumbnail.GetBuffer().AsMemory(0, (int)thumbnail.Length);

        return new ImageFacts(
            format.DefaultMimeType, width, height, original.Length, Sha256(original), Hash(image), thumbnailBytes, Sha256(thumbnailBytes.Span))
        {
            TakenAt = takenAt,
            Location = location,
        };
    }

    // Everything that could identify the camera, the owner or the place goes: EXIF, XMP, IPTC, and ICC too (a colour
    // profile can name the device; without it, wide-gamut pictures look slightly duller in the thumbnail).
    private static void Strip(Image image)
    {
        image.Metadata.ExifProfile = null;
        image.Metadata.IccProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.XmpProfile = null;
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.IccProfile = null;
            frame.Metadata.IptcProfile = null;
            frame.Metadata.XmpProfile = null;
        }
    }

    private static ulong Hash(Image<Rgb24> oriented)
    {
        const int n = PerceptualHash.GridSize;
        using var grid = oriented.Clone(x => x.Resize(n, n));
        var pixels = new Rgb24[n * n];
        grid.CopyPixelDataTo(pixels);
        var luminance = new double[n * n];
        for (var i = 0; i < luminance.Length; i++)
        {
            // ITU-R BT.601 luma.
            luminance[i] = (0.299 * pixels[i].R) + (0.587 * pixels[i].G) + (0.114 * pixels[i].B);
        }
        return PerceptualHash.Compute(luminance);
    }

    private static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static MemoryStream OpenRead(ReadOnlyMemory<byte> body) =>
        MemoryMarshal.TryGetArray(body, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(body.ToArray(), writable: false);

    private static bool IsImageContentType(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase);
    }
}
