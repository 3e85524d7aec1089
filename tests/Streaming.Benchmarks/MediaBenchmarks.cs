using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Streaming.Domain;
using Streaming.Ingress;

namespace Streaming.Benchmarks;

/// <summary>
/// One uploaded photo: a 1920x1080 JPEG (quality 85, the phone's EXIF kept), made deterministically from the Pixel photo
/// in data/images. <see cref="Inspect1080p"/> is the whole ingest cost short of storage (header check, decode, EXIF,
/// 256 px thumbnail encoded as JPEG, perceptual hash, two SHA-256); <see cref="DecodeOnly1080p"/> is ImageSharp's decode
/// alone, the floor under it. The domain parts are measured alone too: the hash of a 32x32 grid and a near-duplicate
/// lookup in a full index of 10,000 images.
/// </summary>
[MemoryDiagnoser]
public class MediaBenchmarks
{
    private byte[] _jpeg = [];
    private ImageInspector _inspector = null!;
    private double[] _grid = [];
    private NearDuplicateIndex _index = null!;
    private ulong[] _stream = [];
    private ulong _probe;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var photo = Path.Combine(AppContext.BaseDirectory, "data", "images", "exif-gps", "exifr__IMG_20180725_163423.jpg");
        using (var image = Image.Load<Rgb24>(photo))
        {
            image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(1920, 1080), Mode = ResizeMode.Crop }));
            var buffer = new MemoryStream();
            image.Save(buffer, new JpegEncoder { Quality = 85 });
            _jpeg = buffer.ToArray();
        }
        _inspector = new ImageInspector(Options.Create(new MediaOptions()));
        if (_inspector.Inspect(_jpeg).Facts is not { Width: 1920, Height: 1080 })
        {
            throw new InvalidOperationException("the benchmark image did not inspect as 1920x1080");
        }

        var random = new Random(42);
        _grid = [.. Enumerable.Range(0, PerceptualHash.GridSize * PerceptualHash.GridSize).Select(_ => random.NextDouble() * 255)];
        _index = new NearDuplicateIndex(NearDuplicateIndex.DefaultCapacity);
        for (var i = 0; i < NearDuplicateIndex.DefaultCapacity; i++)
        {
            _index.Check(NextHash(random), $"c{i}", "s", Data.Epoch.AddSeconds(i));
        }
        _stream = [.. Enumerable.Range(0, 4096).Select(_ => NextHash(random))];
        _probe = NextHash(random);
    }

    [Benchmark]
    public ImageInspection Inspect1080p() => _inspector.Inspect(_jpeg);

    [Benchmark]
    public int DecodeOnly1080p()
    {
        using var image = Image.Load<Rgb24>(_jpeg);
        return image.Width;
    }

    [Benchmark]
    public ulong PerceptualHash32x32() => PerceptualHash.Compute(_grid);

    /// <summary>A lookup plus insertion (evicting the oldest) in a full index, unrelated pictures arriving: the usual case.</summary>
    [Benchmark]
    public NearDuplicateMatch? NearDuplicateCheck10k() => _index.Check(_stream[_next & 4095], $"p{_next++}", "s", Data.Epoch);

    /// <summary>
    /// The worst case: the same picture sent again and again (slightly altered each time), so once the index holds mostly
    /// copies every band lookup returns nearly all of it. Bounded by the capacity: about 8 x 10,000 distance checks.
    /// </summary>
    [Benchmark]
    public NearDuplicateMatch? NearDuplicateCheck10kSamePicture() => _index.Check(_probe ^ (ulong)(_next & 0xFF), $"p{_next++}", "s", Data.Epoch);

    private static ulong NextHash(Random random) => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
}
