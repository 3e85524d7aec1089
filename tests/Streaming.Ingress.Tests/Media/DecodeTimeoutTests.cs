using System.Diagnostics;
using Microsoft.Extensions.Options;
using Streaming.Domain;
using Xunit.Abstractions;

namespace Streaming.Ingress.Tests;

/// <summary>The decode time bound really stops ImageSharp part-way through a large image.</summary>
[Trait("Category", "Ingress")]
public sealed class DecodeTimeoutTests(ITestOutputHelper output)
{
    [Fact]
    public void Inspect_DecodeBeyondTimeout_RefusedPartWay()
    {
        var body = ImageFiles.Read(ImageFiles.ExifGps, ImageFiles.Pixel);
        var unbounded = Stopwatch.StartNew();
        Assert.NotNull(ImageFiles.Inspector.Inspect(body).Facts);
        unbounded.Stop();
        var timeout = TimeSpan.FromMilliseconds(30);
        var inspector = new ImageInspector(Options.Create(new MediaOptions { DecodeTimeout = timeout }));

        var bounded = Stopwatch.StartNew();
        var inspection = inspector.Inspect(body);
        bounded.Stop();
        output.WriteLine($"4048x3036 JPEG: {unbounded.ElapsedMilliseconds} ms in full; refused after {bounded.ElapsedMilliseconds} ms with a {timeout.TotalMilliseconds} ms bound");

        Assert.Equal(RejectReason.TooLarge, inspection.Rejection?.Reason);
        Assert.Contains("longer than", inspection.Rejection!.Detail, StringComparison.Ordinal);
        // Stopped part-way: the bound was reached (not refused before starting) and the rest of the work was skipped.
        Assert.True(bounded.Elapsed >= timeout, $"refused after {bounded.ElapsedMilliseconds} ms, before the bound");
        Assert.True(bounded.Elapsed < unbounded.Elapsed, $"refused after {bounded.ElapsedMilliseconds} ms; a full decode took {unbounded.ElapsedMilliseconds} ms");
    }
}
