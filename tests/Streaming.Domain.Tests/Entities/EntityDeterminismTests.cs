using CsCheck;
using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class EntityDeterminismTests
{
    /// <summary>Batches of (envelope number, seconds after T0, value, metric index); envelope numbers repeat to cause duplicates.</summary>
    private static readonly Gen<(int Id, int Seconds, int Quarters, int Metric)[][]> Batches =
        Gen.Select(Gen.Int[0, 150], Gen.Int[0, 1800], Gen.Int[-400, 400], Gen.Int[0, 2]).Array[0, 8].Array[1, 12];

    private static readonly string[] Metrics = ["temperature", "humidity", "pm25"];

    private static List<(ApplyOutcome[] Outcomes, List<WindowResult> Emitted, WindowDelta[] Deltas)> Replay(
        (int Id, int Seconds, int Quarters, int Metric)[][] batches, EntityState state, WindowOptions options)
    {
        var results = new List<(ApplyOutcome[], List<WindowResult>, WindowDelta[])>();
        foreach (var batch in batches)
        {
            CleanEvent[] events = [.. batch.Select(e => Clean($"e{e.Id}", T0.AddSeconds(e.Seconds), e.Quarters / 4.0, metric: Metrics[e.Metric]))];
            var result = EntityModel.Apply(state, events, options, 64);
            results.Add((result.Outcomes, result.Emitted, result.Deltas));
        }
        results.Add(([], EntityModel.CloseIfIdle(state, options, T0.AddHours(2)), []));
        return results;
    }

    [Fact]
    public void Apply_SameEventsSameOrder_IdenticalEmissionsDeltasAndState() =>
        Batches.Sample(batches =>
        {
            var options = Windows(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
            var (first, second) = (new EntityState(), new EntityState());

            var a = Replay(batches, first, options);
            var b = Replay(batches, second, options);

            Assert.Equal(a.Count, b.Count);
            for (var i = 0; i < a.Count; i++)
            {
                Assert.Equal(a[i].Outcomes, b[i].Outcomes);
                Assert.Equal(a[i].Emitted, b[i].Emitted);
                Assert.Equal(
                    a[i].Emitted.Select(r => (r.Aggregate.Count, r.Aggregate.Sum, r.Aggregate.Min, r.Aggregate.Max, r.Aggregate.Mean, r.Aggregate.StdDev, r.Aggregate.P50, r.Aggregate.P95, r.Aggregate.P99)),
                    b[i].Emitted.Select(r => (r.Aggregate.Count, r.Aggregate.Sum, r.Aggregate.Min, r.Aggregate.Max, r.Aggregate.Mean, r.Aggregate.StdDev, r.Aggregate.P50, r.Aggregate.P95, r.Aggregate.P99)));
                Assert.Equal(
                    a[i].Deltas.Select(d => (d.Key, d.StartTicks, d.MaxEventTicks, WindowAggregator.Result(d.Accumulator))),
                    b[i].Deltas.Select(d => (d.Key, d.StartTicks, d.MaxEventTicks, WindowAggregator.Result(d.Accumulator))));
            }
            Assert.Equal(first.Current, second.Current);
            Assert.Equal((first.EventsApplied, first.EventsLate, first.Duplicates), (second.EventsApplied, second.EventsLate, second.Duplicates));
        });
}
