using Streaming.Domain;
using Xunit.Abstractions;

namespace Streaming.Ingress.Tests;

/// <summary>
/// Every file in data/images/malformed: no exception escapes, and each is refused with a reason, except two that are
/// well-formed enough to decode (Pillow decodes them too): they broke one Rust decoder, not the format.
/// </summary>
[Trait("Category", "Ingress")]
public sealed class MalformedImageTests(ITestOutputHelper output)
{
    // multiple-0xff-before-eoi: a complete baseline JPEG whose EOI is preceded by two 0xFF bytes; any marker may be
    // preceded by fill bytes (ITU T.81 B.1.1.2), so it is valid. dc-predictor-overflow: a complete baseline JPEG (EOI
    // present, one stray byte after it) whose DC differences add up beyond the 8-bit range; decoders clamp. Neither is
    // truncated, and refusing data after EOI would refuse phone photos that append data there (motion photos).
    private static readonly HashSet<string> Decodable = new(StringComparer.Ordinal)
    {
        "jpeg-decoder__multiple-0xff-before-eoi.jpg",
        "jpeg-decoder__dc-predictor-overflow.jpg",
    };

    public static TheoryData<string> Files => ImageFiles.ImagesIn(ImageFiles.Malformed);

    public static TheoryData<string> Refused =>
        [.. ((IEnumerable<object[]>)Files).Select(row => (string)row[0]).Where(name => !Decodable.Contains(name))];

    [Theory]
    [MemberData(nameof(Files))]
    public void Inspect_MalformedFile_NoExceptionEscapes(string name)
    {
        var inspection = ImageFiles.Inspector.Inspect(ImageFiles.Read(ImageFiles.Malformed, name));

        Assert.True(inspection.Facts is not null ^ inspection.Rejection is not null);
        Assert.Equal(Decodable.Contains(name), inspection.Facts is not null);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Inspect_MalformedFile_RefusedWithReason(string name)
    {
        var inspection = ImageFiles.Inspector.Inspect(ImageFiles.Read(ImageFiles.Malformed, name));

        Assert.Null(inspection.Facts);
        var rejection = Assert.IsType<Rejection>(inspection.Rejection);
        output.WriteLine($"{name}: {rejection.Reason}: {rejection.Detail}");
        Assert.Equal(-1, rejection.Index);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Detail));
    }
}
