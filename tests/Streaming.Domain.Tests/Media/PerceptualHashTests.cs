using CsCheck;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class PerceptualHashTests
{
    private const int N = PerceptualHash.GridSize;

    private static double[] Grid(Func<int, int, double> f) =>
        [.. Enumerable.Range(0, N * N).Select(i => f(i % N, i / N))];

    // A picture with structure in both directions: a bright blob off-centre over a diagonal ramp.
    private static double Scene(int x, int y) =>
        (3 * (x + y)) + (120 * Math.Exp(-(((x - 10) * (x - 10)) + ((y - 20) * (y - 20))) / 40.0));

    [Fact]
    public void Compute_SameGrid_SameHash()
    {
        Assert.Equal(PerceptualHash.Compute(Grid(Scene)), PerceptualHash.Compute(Grid(Scene)));
    }

    [Fact]
    public void Compute_BrightnessAndContrastChanged_SameHash()
    {
        var original = PerceptualHash.Compute(Grid(Scene));

        var adjusted = PerceptualHash.Compute(Grid((x, y) => (0.6 * Scene(x, y)) + 40));

        Assert.Equal(0, PerceptualHash.Distance(original, adjusted));
    }

    [Fact]
    public void Compute_SmallNoise_FewBitsChange()
    {
        var random = new Random(42);
        var original = PerceptualHash.Compute(Grid(Scene));

        var noisy = PerceptualHash.Compute(Grid((x, y) => Scene(x, y) + ((random.NextDouble() - 0.5) * 6)));

        Assert.InRange(PerceptualHash.Distance(original, noisy), 0, NearDuplicateIndex.DefaultThreshold);
    }

    [Fact]
    public void Compute_MirroredScene_FarApart()
    {
        var original = PerceptualHash.Compute(Grid(Scene));

        var mirrored = PerceptualHash.Compute(Grid((x, y) => Scene(N - 1 - x, N - 1 - y)));

        Assert.True(PerceptualHash.Distance(original, mirrored) > 2 * NearDuplicateIndex.DefaultThreshold);
    }

    [Fact]
    public void Compute_RandomGrids_AboutHalfTheBitsApart()
    {
        var random = new Random(42);
        var hashes = Enumerable.Range(0, 40).Select(_ => PerceptualHash.Compute(Grid((_, _) => random.Next(256)))).ToList();

        var distances = hashes.SelectMany((a, i) => hashes.Skip(i + 1).Select(b => PerceptualHash.Distance(a, b))).ToList();

        Assert.InRange(distances.Average(), 28, 36);
        Assert.True(distances.Min() > NearDuplicateIndex.DefaultThreshold);
    }

    [Fact]
    public void Compute_ByteGrid_SameAsDoubleGrid()
    {
        var bytes = Enumerable.Range(0, N * N).Select(i => (byte)((i * 37) % 251)).ToArray();

        Assert.Equal(PerceptualHash.Compute(bytes.Select(b => (double)b).ToArray()), PerceptualHash.Compute(bytes));
    }

    [Fact]
    public void Compute_WrongSize_Throws()
    {
        Assert.Throws<ArgumentException>(() => PerceptualHash.Compute(new double[N * N - 1]));
        Assert.Throws<ArgumentException>(() => PerceptualHash.Compute(new byte[64]));
    }

    [Fact]
    public void Distance_IsHammingDistance()
    {
        Gen.Select(Gen.ULong, Gen.ULong).Sample((a, b) =>
            PerceptualHash.Distance(a, b) == Enumerable.Range(0, 64).Count(i => ((a >> i) & 1) != ((b >> i) & 1))
            && PerceptualHash.Distance(a, b) == PerceptualHash.Distance(b, a)
            && PerceptualHash.Distance(a, a) == 0);
        Assert.Equal(64, PerceptualHash.Distance(0, ulong.MaxValue));
    }
}
