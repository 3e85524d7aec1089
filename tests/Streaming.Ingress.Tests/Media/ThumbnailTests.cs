using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Streaming.Ingress.Tests;

/// <summary>Thumbnails are small, turned upright, and carry no metadata at all.</summary>
[Trait("Category", "Ingress")]
public sealed class ThumbnailTests
{
    public static TheoryData<string> Jpegs =>
        [.. ((IEnumerable<object[]>)ImageFiles.ImagesIn(ImageFiles.ExifGps)).Select(row => (string)row[0]).Where(n => n.EndsWith(".jpg", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Jpegs))]
    public void Thumbnail_ExifGpsJpeg_SmallJpegWithoutMetadata(string name)
    {
        var facts = ImageFiles.Facts(name);

        using var thumbnail = Image.Load(facts.Thumbnail.Span, out var format);

        Assert.Equal("image/jpeg", format.DefaultMimeType);
        Assert.InRange(Math.Max(thumbnail.Width, thumbnail.Height), 1, 256);
        Assert.Equal(Math.Sign(facts.Width - facts.Height), Math.Sign(thumbnail.Width - thumbnail.Height));
        Assert.Null(thumbnail.Metadata.ExifProfile);
        Assert.Null(thumbnail.Metadata.IccProfile);
        Assert.Null(thumbnail.Metadata.XmpProfile);
        Assert.Null(thumbnail.Metadata.IptcProfile);
        // And no trace in the bytes: no APP1 Exif or XMP, no ICC in APP2, no IPTC in APP13.
        var bytes = facts.Thumbnail.Span;
        Assert.True(bytes.IndexOf("Exif\0\0"u8) < 0);
        Assert.True(bytes.IndexOf("http://ns.adobe.com/xap/"u8) < 0);
        Assert.True(bytes.IndexOf("ICC_PROFILE"u8) < 0);
        Assert.True(bytes.IndexOf("Photoshop 3.0"u8) < 0);
    }

    [Fact]
    public void Thumbnail_LargePhoto_LongestSide256()
    {
        using var thumbnail = Image.Load(ImageFiles.Facts(ImageFiles.Pixel).Thumbnail.Span);

        Assert.Equal((256, 192), (thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public void Inspect_RotatedByExif_DimensionsAndThumbnailUpright()
    {
        // Stored 400x200 landscape with orientation 6 (rotate 90 clockwise to display): upright it is 200x400.
        using var stored = new Image<Rgb24>(400, 200, new Rgb24(200, 30, 30));
        stored.Metadata.ExifProfile = new ExifProfile();
        stored.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
        var body = new MemoryStream();
        stored.SaveAsJpeg(body);

        var facts = ImageFiles.Inspector.Inspect(body.ToArray()).Facts!;
        using var thumbnail = Image.Load(facts.Thumbnail.Span);

        Assert.Equal((200, 400), (facts.Width, facts.Height));
        Assert.Equal((128, 256), (thumbnail.Width, thumbnail.Height));
        Assert.Null(thumbnail.Metadata.ExifProfile);
    }

    [Fact]
    public void Inspect_PngWithExifGps_DecodedWithPlaceAndJpegThumbnail()
    {
        using var stored = new Image<Rgba32>(300, 100, new Rgba32(10, 120, 200, 255));
        stored.Metadata.ExifProfile = new ExifProfile();
        stored.Metadata.ExifProfile.SetValue(ExifTag.GPSLatitudeRef, "N");
        stored.Metadata.ExifProfile.SetValue(ExifTag.GPSLatitude, [new Rational(51), new Rational(10), new Rational(3000, 100)]);
        stored.Metadata.ExifProfile.SetValue(ExifTag.GPSLongitudeRef, "W");
        stored.Metadata.ExifProfile.SetValue(ExifTag.GPSLongitude, [new Rational(2), new Rational(30), new Rational(0)]);
        var body = new MemoryStream();
        stored.Save(body, new PngEncoder());

        var facts = ImageFiles.Inspector.Inspect(body.ToArray(), "image/png").Facts!;
        using var thumbnail = Image.Load(facts.Thumbnail.Span, out var format);

        Assert.Equal("image/png", facts.MediaType);
        Assert.Equal((300, 100), (facts.Width, facts.Height));
        Assert.Equal(51 + (10 / 60.0) + (30 / 3600.0), facts.Location!.Value.Latitude, 1e-9);
        Assert.Equal(-2.5, facts.Location!.Value.Longitude, 1e-9);
        Assert.Equal("image/jpeg", format.DefaultMimeType);
        Assert.Equal((256, 85), (thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public void Inspect_SmallImage_NotEnlarged()
    {
        using var thumbnail = Image.Load(ImageFiles.Facts("piexif__noexif.jpg").Thumbnail.Span);

        Assert.Equal((50, 50), (thumbnail.Width, thumbnail.Height));
    }
}
