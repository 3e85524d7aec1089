using System.Globalization;
using Streaming.Domain;

namespace Streaming.Ingress.Tests;

/// <summary>Every file in data/images/exif-gps against exif_summary.csv (exiftool's reading of the same files).</summary>
[Trait("Category", "Ingress")]
public sealed class ExifGpsImageTests
{
    // The offset each capture time should get (CaptureTime's rule), stated here rather than recomputed:
    // Pixel: no OffsetTimeOriginal, GPS 14:34:23Z vs local 16:34:23 -> +02:00. Samsung: GPS 01:22:57Z next day vs local
    // 21:23:12 -> -03:59:45, rounded to -04:00. Canon: no offset and no GPS time -> Europe/London in June -> +01:00 (BST).
    private static readonly Dictionary<string, TimeSpan> ExpectedOffsets = new(StringComparer.Ordinal)
    {
        [ImageFiles.Pixel] = TimeSpan.FromHours(2),
        [ImageFiles.PixelTiny] = TimeSpan.FromHours(2),
        ["go-exif__gps.jpg"] = TimeSpan.FromHours(-4),
        ["exifr__issue-exifr-59.jpg"] = TimeSpan.FromHours(1),
        ["exifr__sidecar_IMG_5910.jpg"] = TimeSpan.FromHours(1),
    };

    public static TheoryData<string> Files => ImageFiles.ImagesIn(ImageFiles.ExifGps);

    [Fact]
    public void Summary_EveryImageFile_HasARow()
    {
        Assert.Equal(ImageFiles.Summary.Keys.Order(StringComparer.Ordinal), ((IEnumerable<object[]>)Files).Select(row => (string)row[0]));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Inspect_ExifGpsFile_MatchesSummary(string name)
    {
        var expected = ImageFiles.Summary[name];
        var inspection = ImageFiles.Inspect(name);

        if (name.EndsWith(".heic", StringComparison.Ordinal))
        {
            Assert.Null(inspection.Facts);
            Assert.Equal(RejectReason.UnsupportedFormat, inspection.Rejection!.Reason);
            Assert.Contains("HEIC", inspection.Rejection.Detail, StringComparison.Ordinal);
            return;
        }

        var facts = ImageFiles.Facts(name);
        Assert.Equal("image/jpeg", facts.MediaType);
        Assert.Equal(int.Parse(expected["ImageWidth"], CultureInfo.InvariantCulture), facts.Width);
        Assert.Equal(int.Parse(expected["ImageHeight"], CultureInfo.InvariantCulture), facts.Height);
        Assert.Equal(long.Parse(expected["FileSize"], CultureInfo.InvariantCulture), facts.Bytes);
        Assert.Equal(expected["sha256"], facts.ContentHash);

        if (expected.TryGetValue("GPSLatitude", out var latitude))
        {
            var location = Assert.NotNull(facts.Location);
            Assert.Equal(ImageFiles.Number(latitude), location.Latitude, 1e-6);
            Assert.Equal(ImageFiles.Number(expected["GPSLongitude"]), location.Longitude, 1e-6);
        }
        else
        {
            Assert.Null(facts.Location);
        }

        if (expected.TryGetValue("DateTimeOriginal", out var local))
        {
            var clock = DateTime.ParseExact(local, "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture);
            var takenAt = Assert.NotNull(facts.TakenAt);
            Assert.Equal(new DateTimeOffset(clock, ExpectedOffsets[name]), takenAt);
            Assert.Equal(ExpectedOffsets[name], takenAt.Offset);
        }
        else
        {
            Assert.Null(facts.TakenAt);
        }
    }

    [Fact]
    public void Inspect_NoExif_DecodesWithoutTimeOrPlace()
    {
        var facts = ImageFiles.Facts("piexif__noexif.jpg");

        Assert.Equal((50, 50), (facts.Width, facts.Height));
        Assert.Null(facts.TakenAt);
        Assert.Null(facts.Location);
    }

    [Fact]
    public void Inspect_GpsWithoutDateTime_HasPlaceButNoTime()
    {
        var facts = ImageFiles.Facts("go-exif__gps-2000-scaled_no-datetime.jpg");

        Assert.Null(facts.TakenAt);
        Assert.Equal(-38.4051947833333, Assert.NotNull(facts.Location).Latitude, 1e-6);
    }
}
