using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Streaming.Ingress.Tests;

/// <summary>The repository's test images (data/images, copied beside the tests) and shared, cached inspections of them.</summary>
internal static class ImageFiles
{
    public static readonly string ExifGps = Path.Combine(AppContext.BaseDirectory, "data", "images", "exif-gps");
    public static readonly string Malformed = Path.Combine(AppContext.BaseDirectory, "data", "images", "malformed");

    public const string Pixel = "exifr__IMG_20180725_163423.jpg";
    public const string PixelTiny = "exifr__IMG_20180725_163423-tiny.jpg";

    public static readonly ImageInspector Inspector = new(Options.Create(new MediaOptions()));

    private static readonly ConcurrentDictionary<string, ImageInspection> Inspections = new();

    public static byte[] Read(string folder, string name) => File.ReadAllBytes(Path.Combine(folder, name));

    /// <summary>The inspection of an exif-gps file with the default options, done once per test run.</summary>
    public static ImageInspection Inspect(string name) =>
        Inspections.GetOrAdd(name, n => Inspector.Inspect(Read(ExifGps, n)));

    public static ImageFacts Facts(string name) =>
        Inspect(name).Facts ?? throw new InvalidOperationException($"{name} was refused: {Inspect(name).Rejection}");

    /// <summary>The image files of a folder (not its README, licences or CSV).</summary>
    public static TheoryData<string> ImagesIn(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (!name.EndsWith(".txt", StringComparison.Ordinal) && !name.EndsWith(".md", StringComparison.Ordinal)
                && !name.EndsWith(".csv", StringComparison.Ordinal))
            {
                data.Add(name);
            }
        }
        return data;
    }

    /// <summary>exif_summary.csv (exiftool -n output): one dictionary per file, by column name; empty cells are absent.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Summary { get; } = ReadSummary();

    public static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static Dictionary<string, IReadOnlyDictionary<string, string>> ReadSummary()
    {
        var lines = File.ReadAllLines(Path.Combine(ExifGps, "exif_summary.csv"));
        var header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .ToDictionary(
                cells => cells[0],
                cells => (IReadOnlyDictionary<string, string>)header.Zip(cells).Where(p => p.Second.Length > 0)
                    .ToDictionary(p => p.First, p => p.Second),
                StringComparer.Ordinal);
    }
}
