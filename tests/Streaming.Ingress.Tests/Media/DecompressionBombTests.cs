using System.Buffers.Binary;
using Streaming.Domain;
using Xunit.Abstractions;

namespace Streaming.Ingress.Tests;

/// <summary>Headers that claim huge pictures are refused from the header alone, before any pixel is allocated.</summary>
[Trait("Category", "Ingress")]
public sealed class DecompressionBombTests(ITestOutputHelper output)
{
    // A 50,000 x 50,000 picture would need 7.5 GB of RGB pixels; refusing it must cost next to nothing.
    private const int Huge = 50_000;
    private const long AllocationBudget = 512 * 1024;

    public static TheoryData<string> Kinds => ["png", "jpeg"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Inspect_HeaderClaims50000Squared_TooLargeWithoutAllocating(string kind)
    {
        var bomb = kind == "png" ? Png(Huge, Huge) : Jpeg(Huge, Huge);
        ImageFiles.Inspector.Inspect(bomb); // warm up: JIT and static set-up are not the image's cost

        var before = GC.GetAllocatedBytesForCurrentThread();
        var inspection = ImageFiles.Inspector.Inspect(bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{kind}: {bomb.Length} bytes claiming {Huge}x{Huge}: {allocated} bytes allocated; {inspection.Rejection?.Detail}");

        Assert.Equal(RejectReason.TooLarge, inspection.Rejection?.Reason);
        Assert.Contains("50000x50000", inspection.Rejection!.Detail, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, AllocationBudget);
    }

    [Fact]
    public void Inspect_HeaderOverMaxWidthOnly_TooLarge()
    {
        var inspection = ImageFiles.Inspector.Inspect(Png(12_001, 1));

        Assert.Equal(RejectReason.TooLarge, inspection.Rejection?.Reason);
    }

    [Fact]
    public void Inspect_BodyOverMaxBytes_TooLargeBeforeReading()
    {
        var inspector = new ImageInspector(Microsoft.Extensions.Options.Options.Create(new MediaOptions { MaxBytes = 100 }));

        var inspection = inspector.Inspect(new byte[101]);

        Assert.Equal(RejectReason.TooLarge, inspection.Rejection?.Reason);
    }

    /// <summary>A PNG of a signature, an IHDR (8-bit RGB) and IEND: no pixel data at all.</summary>
    internal static byte[] Png(int width, int height)
    {
        var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(stream, "IHDR"u8, header);
        Chunk(stream, "IEND"u8, []);
        return stream.ToArray();
    }

    /// <summary>A JPEG of SOI, a baseline SOF0 for one 8-bit component, and EOI: no tables, no scan.</summary>
    internal static byte[] Jpeg(int width, int height)
    {
        var frame = new byte[] { 0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 8, 0, 0, 0, 0, 1, 1, 0x11, 0, 0xFF, 0xD9 };
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(7), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(9), (ushort)width);
        return frame;
    }

    private static void Chunk(MemoryStream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var crcInput = new byte[type.Length + data.Length];
        type.CopyTo(crcInput);
        data.CopyTo(crcInput.AsSpan(type.Length));
        stream.Write(crcInput);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(crcInput));
        stream.Write(length);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
