using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Streaming.Harness;

/// <summary>
/// 1920x1080 JPEGs made deterministically from one real phone photo (data/images/exif-gps, 4048x3036, EXIF time and
/// GPS kept): <see cref="Variants"/> pictures, each a 16:9 crop at its own scale and position, every other one mirrored,
/// re-encoded at qualities 95/85/75/90 in turn. Upload k is picture k mod <see cref="Variants"/> with a JPEG comment
/// (COM segment) naming the upload inserted, so every upload has its own bytes, hence its own SHA-256 and envelope id
/// (<c>img:{sha256}</c>, registered as an alias of event k) but the same pixels as the other uploads of that picture:
/// the platform flags those as NearDuplicate (kept and counted), which is part of the measured path.
/// </summary>
internal sealed class ImageMessages : IMessages
{
    private readonly byte[][] _pictures;
    private readonly Arrivals _arrivals;

    public ImageMessages(string root, int variants, int cameras, Arrivals arrivals)
    {
        _arrivals = arrivals;
        Cameras = cameras;
        var path = Path.Combine(root, "data/images/exif-gps/exifr__IMG_20180725_163423.jpg");
        using var photo = Image.Load<Rgb24>(path);
        int[] qualities = [95, 85, 75, 90];
        double[] scales = [1.0, 0.75, 0.55, 0.4];
        (double X, double Y)[] positions = [(0, 0), (1, 1), (0, 1), (1, 0), (0.5, 0.5)];
        _pictures = new byte[variants][];
        for (var i = 0; i < variants; i++)
        {
            var scale = scales[i % scales.Length];
            var (fx, fy) = positions[(i / scales.Length) % positions.Length];
            var width = (int)(photo.Width * scale);
            var height = Math.Min(photo.Height, width * 9 / 16);
            width = Math.Min(width, height * 16 / 9);
            var crop = new Rectangle((int)((photo.Width - width) * fx), (int)((photo.Height - height) * fy), width, height);
            var mirror = i % 2 == 1;
            using var picture = photo.Clone(x =>
            {
                x.Crop(crop).Resize(1920, 1080);
                if (mirror)
                {
                    x.Flip(FlipMode.Horizontal);
                }
            });
            using var buffer = new MemoryStream();
            picture.SaveAsJpeg(buffer, new JpegEncoder { Quality = qualities[i % qualities.Length] });
            _pictures[i] = buffer.ToArray();
        }
        AverageBytes = _pictures.Average(p => (double)p.Length);
    }

    public int Cameras { get; }

    public int Variants => _pictures.Length;

    public double AverageBytes { get; }

    public string Source(long n) => "cam-" + ((n % Cameras) + 1).ToString(CultureInfo.InvariantCulture);

    public byte[] Event(string prefix, long k, string source, DateTimeOffset time)
    {
        var id = SensorMessages.Id(prefix, k);
        var image = WithComment(_pictures[k % _pictures.Length], "bench " + id);
        _arrivals.Alias("img:" + Convert.ToHexStringLower(SHA256.HashData(image)), prefix, k);
        return image;
    }

    /// <summary>The JPEG with a COM segment inserted after its APPn segments (EXIF stays where readers look for it).</summary>
    private static byte[] WithComment(byte[] jpeg, string comment)
    {
        var at = 2; // after SOI
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF && jpeg[at + 1] is >= 0xE0 and <= 0xEF)
        {
            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
        }
        var text = Encoding.ASCII.GetBytes(comment);
        var result = new byte[jpeg.Length + 4 + text.Length];
        jpeg.AsSpan(0, at).CopyTo(result);
        result[at] = 0xFF;
        result[at + 1] = 0xFE;
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(at + 2), (ushort)(2 + text.Length));
        text.CopyTo(result, at + 4);
        jpeg.AsSpan(at).CopyTo(result.AsSpan(at + 4 + text.Length));
        return result;
    }
}
