using System.Diagnostics;
using Microsoft.Extensions.Options;
using Streaming.Domain;
using Xunit.Abstractions;

namespace Streaming.Ingress.Tests;

/// <summary>The decode time bound refuses a large image that takes longer (ImageSharp usually stops part-way).</summary>
[Trait("Category", "Ingress")]
public sealed class DecodeTimeoutTests(ITestOutputHelper output)
{
    [Fact]
    public void Inspect_DecodeBeyondTimeout_Refused()
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
        // The bound was reached, not refused before starting. (Whether it stopped part-way depends on where ImageSharp
        // checks its token, and timings on a shared machine: it is printed, not asserted.)
        // (The timer may fire a millisecond early against the stopwatch: half the bound is the test.)
        Assert.True(bounded.Elapsed >= timeout / 2, $"refused after {bounded.ElapsedMilliseconds} ms, before the bound");
    }
}
