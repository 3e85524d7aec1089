namespace Streaming.Domain;

/// <summary>
/// Flink's four-method aggregator for numeric windows: count, sum, exact min/max, mean and population
/// standard deviation (Welford, merged with Chan et al.'s parallel formula) and p50/p95/p99 from a
/// <see cref="QuantileSketch"/> (relative error at most <see cref="QuantileSketch.DefaultRelativeAccuracy"/>), and, for
/// series whose events carry terms (a post's hashtags), the top terms from a mergeable <see cref="HeavyHitters"/> sketch.
/// </summary>
public static class WindowAggregator
{
    /// <summary>An empty accumulator.</summary>
    public static WindowAccumulator Create() => new();

    /// <summary>Adds one finite value to <paramref name="acc"/> and returns it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite; <paramref name="acc"/> is unchanged.</exception>
    public static WindowAccumulator Add(WindowAccumulator acc, double value)
    {
        ArgumentNullException.ThrowIfNull(acc);
        acc.Sketch.Add(value); // first: it rejects non-finite values before anything else changes
        acc.Count++;
        acc.Sum += value;
        acc.Min = Math.Min(acc.Min, value);
        acc.Max = Math.Max(acc.Max, value);
        var delta = value - acc.Mean;
        acc.Mean += delta / acc.Count;
        acc.M2 += delta * (value - acc.Mean);
        return acc;
    }

    /// <summary>Counts the terms one event carried (each once per event) into <paramref name="acc"/> and returns it.</summary>
    public static WindowAccumulator AddTerms(WindowAccumulator acc, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(acc);
        ArgumentNullException.ThrowIfNull(terms);
        var sketch = acc.Terms ??= HeavyHitters.Create();
        foreach (var term in terms)
        {
            sketch.Add(term);
        }
        return acc;
    }

    /// <summary>
    /// Adds everything in <paramref name="other"/> to <paramref name="into"/> and returns <paramref name="into"/>;
    /// <paramref name="other"/> is unchanged. Mean and M2 use Chan et al.'s parallel merge.
    /// </summary>
    /// <exception cref="ArgumentException">The sketches' relative accuracies differ.</exception>
    public static WindowAccumulator Merge(WindowAccumulator into, WindowAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(other);
        var (n1, mean1, m21) = (into.Count, into.Mean, into.M2);
        var (n2, mean2, m22) = (other.Count, other.Mean, other.M2);
        into.Sketch.Merge(other.Sketch);
        if (other.Terms is { } terms)
        {
            (into.Terms ??= HeavyHitters.Create(terms.Capacity)).Merge(terms);
        }
        if (n2 == 0)
        {
            return into;
        }

        into.Count = n1 + n2;
        into.Sum += other.Sum;
        into.Min = Math.Min(into.Min, other.Min);
        into.Max = Math.Max(into.Max, other.Max);
        if (n1 == 0)
        {
            (into.Mean, into.M2) = (mean2, m22); // exact copy, rather than the formula's rounding
            return into;
        }

        double n = n1 + n2;
        var delta = mean2 - mean1;
        into.Mean = mean1 + (delta * (n2 / n));
        into.M2 = m21 + m22 + (delta * delta * (n1 / n) * n2);
        return into;
    }

    /// <summary>The window's statistics; see <see cref="WindowAggregate"/> for the empty case.</summary>
    public static WindowAggregate Result(WindowAccumulator acc)
    {
        ArgumentNullException.ThrowIfNull(acc);
        if (acc.Count == 0)
        {
            return new WindowAggregate(0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var stdDev = Math.Sqrt(Math.Max(0, acc.M2 / acc.Count)); // population: divide by n
        return new WindowAggregate(
            acc.Count, acc.Sum, acc.Min, acc.Max, acc.Mean, stdDev,
            Quantile(acc, 0.50), Quantile(acc, 0.95), Quantile(acc, 0.99))
        {
            TopTerms = acc.Terms is { } terms ? [.. terms.Top(WindowAggregate.TopTermsShown)] : null,
        };
    }

    // The true quantile lies in [Min, Max], so clamping the sketch's answer to them only reduces its error.
    private static double Quantile(WindowAccumulator acc, double q) => Math.Clamp(acc.Sketch.Quantile(q), acc.Min, acc.Max);
}
