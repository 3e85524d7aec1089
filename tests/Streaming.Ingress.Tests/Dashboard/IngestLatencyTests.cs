using Streaming.Dashboard;

namespace Streaming.Ingress.Tests;

/// <summary>
/// The ingest-to-screen latency a push carries: each kind's median, 99th and 99.9th percentile of the time from the
/// events' receive times to the pushes that brought them, over the last 10 seconds of pushes.
/// </summary>
[Trait("Category", "Ingress")]
public sealed class IngestLatencyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Current_EventsAtThreeLatencies_PercentilesPerKindWithinOnePercent()
    {
        var latency = new IngestLatency();
        var push = T0.AddSeconds(1);
        // 10,000 sensor events: the first 9,800 by rank 10 ms old at the push, the next 180 500 ms, the last 20 2 s.
        latency.Add([Received("sensor", push, 10, 9_800), Received("sensor", push, 500, 180), Received("sensor", push, 2_000, 20),
            Received("social", push, 40, 3)]);
        latency.Observe(push);

        var byKind = latency.Current().ToDictionary(l => l.Kind);

        Assert.Equal(["sensor", "social"], byKind.Keys.Order());
        var sensor = byKind["sensor"];
        Assert.Equal(10_000, sensor.Events);
        AssertNear(10, sensor.P50Ms);
        AssertNear(500, sensor.P99Ms);
        AssertNear(2_000, sensor.P999Ms);
        Assert.Equal(3, byKind["social"].Events);
        AssertNear(40, byKind["social"].P999Ms);
    }

    [Fact]
    public void Current_PushesOlderThanTheSpan_NoLongerCount()
    {
        var latency = new IngestLatency();
        latency.Add([Received("sensor", T0, 3_000, 100)]);
        latency.Observe(T0);
        var later = T0 + IngestLatency.Span + TimeSpan.FromSeconds(1);
        latency.Add([Received("sensor", later, 20, 10)]);
        latency.Observe(later);

        var sensor = Assert.Single(latency.Current());

        Assert.Equal(10, sensor.Events);
        AssertNear(20, sensor.P999Ms);
    }

    private static ReceiveCount Received(string kind, DateTimeOffset push, long msBeforePush, int count) =>
        new(kind, push.ToUnixTimeMilliseconds() - msBeforePush, count);

    private static void AssertNear(double expected, double actual) =>
        Assert.InRange(actual, Math.Floor(expected * 0.99), Math.Ceiling(expected * 1.01));
}
