using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Streaming.Domain;

namespace Streaming.Benchmarks;

/// <summary>Inputs shared by the benchmarks: a fixed epoch, the metrics sensors send, and plausible values.</summary>
internal static class Data
{
    /// <summary>The Orleans binary serializer for the Domain's states, as grain storage writes them.</summary>
    public static readonly Serializer StateSerializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(EntityState).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();

    /// <summary>Event times start here; ingest time in decode contexts is a little later.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Three readings per event, as from a typical air-quality sensor, with their canonical units.</summary>
    public static readonly (string Metric, string Unit, double Typical)[] Metrics =
        [("pm25", "ug/m3", 12), ("no2", "ug/m3", 30), ("temperature", "Cel", 18)];

    /// <summary>A value near <paramref name="typical"/> with a long right tail, as pollutant readings have.</summary>
    /// <summary>Clamped to three times typical so every value stays inside the metric's physical range.</summary>
    public static double Value(Random random, double typical) =>
        Math.Round(Math.Min(typical * Math.Exp(0.4 * NextGaussian(random)), 3 * typical), 1);

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
