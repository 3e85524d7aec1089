using Streaming.Domain;
using Xunit.Abstractions;

namespace Streaming.Ingress.Tests;

/// <summary>The perceptual hash on real photos: the same photo downscaled is a near duplicate, different photos are far apart.</summary>
[Trait("Category", "Ingress")]
public sealed class PerceptualHashImageTests(ITestOutputHelper output)
{
    private static readonly string[] Photos =
    [
        ImageFiles.Pixel, "exifr__sidecar_IMG_5910.jpg", "exifr__issue-exifr-59.jpg", "go-exif__gps.jpg",
        "go-exif__gps-2000-scaled_no-datetime.jpg", "piexif__noexif.jpg",
    ];

    [Fact]
    public void PerceptualHash_SamePhotoDownscaled_NearDuplicate()
    {
        var full = ImageFiles.Facts(ImageFiles.Pixel);
        var tiny = ImageFiles.Facts(ImageFiles.PixelTiny);

        var distance = PerceptualHash.Distance(full.PerceptualHash, tiny.PerceptualHash);
        output.WriteLine($"4048x3036 vs 1012x759: {distance} bits apart");

        Assert.NotEqual(full.ContentHash, tiny.ContentHash);
        Assert.InRange(distance, 0, NearDuplicateIndex.DefaultThreshold);
    }

    [Fact]
    public void PerceptualHash_DifferentPhotos_FarApart()
    {
        var hashes = Photos.Select(p => (Name: p, Hash: ImageFiles.Facts(p).PerceptualHash)).ToList();

        var pairs = hashes.SelectMany((a, i) => hashes.Skip(i + 1).Select(b => (a.Name, b.Name, Distance: PerceptualHash.Distance(a.Hash, b.Hash)))).ToList();
        foreach (var (a, b, distance) in pairs)
        {
            output.WriteLine($"{a} vs {b}: {distance}");
        }

        Assert.All(pairs, p => Assert.True(p.Distance > 2 * NearDuplicateIndex.DefaultThreshold, $"{p.Item1} and {p.Item2} are only {p.Distance} bits apart"));
    }

    [Fact]
    public void NearDuplicateIndex_DownscaledCopyAfterOriginal_Matched()
    {
        var index = new NearDuplicateIndex(capacity: 16);
        var t0 = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        foreach (var (photo, i) in Photos.Select((p, i) => (ImageFiles.Facts(p), i)))
        {
            Assert.Null(index.Check(photo.PerceptualHash, photo.ContentHash, "camera-1", t0.AddMinutes(i)));
        }
        var tiny = ImageFiles.Facts(ImageFiles.PixelTiny);

        var match = index.Check(tiny.PerceptualHash, tiny.ContentHash, "camera-2", t0.AddHours(1));

        Assert.NotNull(match);
        Assert.Equal(ImageFiles.Facts(ImageFiles.Pixel).ContentHash, match.Entry.ContentHash);
        Assert.False(match.SameContent);
    }
}
