using System.Numerics;

namespace Streaming.Domain;

/// <summary>
/// The 64-bit DCT perceptual hash (pHash) of an image's 32x32 luminance: near-identical pictures (re-encoded, resized,
/// lightly edited) differ in few bits, unrelated pictures in about half of them. Deterministic: the same grid gives the
/// same hash on every run.
/// </summary>
/// <remarks>
/// The grid's orthonormal 2-D DCT-II is taken and its top-left 8x8 coefficients (the lowest frequencies) kept. Bit
/// <c>8v + u</c> (least significant first; <c>v</c> the vertical, <c>u</c> the horizontal frequency) is set when
/// coefficient (v, u) is above the median of the 63 coefficients other than the DC term, which only measures overall
/// brightness and would otherwise pull the median. (The DC bit itself is then set for any image that is not almost black.)
/// </remarks>
public static class PerceptualHash
{
    /// <summary>Width and height of the luminance grid.</summary>
    public const int GridSize = 32;

    private const int Kept = 8;

    // Cosines[k * GridSize + x] = c(k) cos((2x + 1) k pi / 2N), with c the orthonormal DCT-II scale.
    private static readonly double[] Cosines = BuildCosines();

    /// <summary>The hash of a 32x32 luminance grid, row by row (any scale, e.g. 0–255).</summary>
    /// <exception cref="ArgumentException">The grid does not hold exactly 1,024 values.</exception>
    public static ulong Compute(ReadOnlySpan<double> luminance)
    {
        if (luminance.Length != GridSize * GridSize)
        {
            throw new ArgumentException($"A perceptual hash needs a {GridSize}x{GridSize} grid ({GridSize * GridSize} values), not {luminance.Length}.", nameof(luminance));
        }

        // Separable DCT, only as far as the kept frequencies: rows first (u), then columns (v).
        Span<double> rows = stackalloc double[GridSize * Kept];
        for (var y = 0; y < GridSize; y++)
        {
            var row = luminance.Slice(y * GridSize, GridSize);
            for (var u = 0; u < Kept; u++)
            {
                rows[(y * Kept) + u] = Dot(row, Cosines.AsSpan(u * GridSize, GridSize));
            }
        }

        Span<double> coefficients = stackalloc double[Kept * Kept];
        for (var v = 0; v < Kept; v++)
        {
            var cosines = Cosines.AsSpan(v * GridSize, GridSize);
            for (var u = 0; u < Kept; u++)
            {
                var sum = 0.0;
                for (var y = 0; y < GridSize; y++)
                {
                    sum += rows[(y * Kept) + u] * cosines[y];
                }
                coefficients[(v * Kept) + u] = sum;
            }
        }

        Span<double> ac = stackalloc double[(Kept * Kept) - 1];
        coefficients[1..].CopyTo(ac);
        ac.Sort();
        var median = ac[ac.Length / 2];

        var hash = 0UL;
        for (var i = 0; i < coefficients.Length; i++)
        {
            if (coefficients[i] > median)
            {
                hash |= 1UL << i;
            }
        }
        return hash;
    }

    /// <summary>The hash of a 32x32 grid of 8-bit luminance values, row by row.</summary>
    /// <exception cref="ArgumentException">The grid does not hold exactly 1,024 values.</exception>
    public static ulong Compute(ReadOnlySpan<byte> luminance)
    {
        if (luminance.Length != GridSize * GridSize)
        {
            throw new ArgumentException($"A perceptual hash needs a {GridSize}x{GridSize} grid ({GridSize * GridSize} values), not {luminance.Length}.", nameof(luminance));
        }
        Span<double> values = stackalloc double[GridSize * GridSize];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = luminance[i];
        }
        return Compute(values);
    }

    /// <summary>How many of the 64 bits differ (Hamming distance): 0 for the same picture, about 32 for unrelated ones.</summary>
    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double[] BuildCosines()
    {
        var table = new double[Kept * GridSize];
        for (var k = 0; k < Kept; k++)
        {
            var scale = k == 0 ? Math.Sqrt(1.0 / GridSize) : Math.Sqrt(2.0 / GridSize);
            for (var x = 0; x < GridSize; x++)
            {
                table[(k * GridSize) + x] = scale * Math.Cos((2 * x + 1) * k * Math.PI / (2 * GridSize));
            }
        }
        return table;
    }
}
