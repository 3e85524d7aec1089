namespace Streaming.Benchmarks;

/// <summary>
/// Draws key indexes 0..n-1 with P(k) proportional to 1 / (k + 1)^skew: skew 0 is uniform, about 1 is the
/// classic hot-key shape of real traffic (a few sources send most events). Seeded, so every run sees the same keys.
/// </summary>
internal sealed class Zipf
{
    private readonly double[] _cumulative;
    private readonly Random _random;

    public Zipf(int n, double skew, Random random)
    {
        _random = random;
        _cumulative = new double[n];
        var total = 0.0;
        for (var k = 0; k < n; k++)
        {
            total += 1 / Math.Pow(k + 1, skew);
            _cumulative[k] = total;
        }
        for (var k = 0; k < n; k++)
        {
            _cumulative[k] /= total;
        }
    }

    public int Next()
    {
        var at = Array.BinarySearch(_cumulative, _random.NextDouble());
        return Math.Min(at >= 0 ? at : ~at, _cumulative.Length - 1);
    }
}
