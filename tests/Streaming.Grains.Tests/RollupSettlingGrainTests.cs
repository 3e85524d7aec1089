using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains.Tests;

/// <summary>A roll-up's two records (issue 8): the one written on every commit, and the settled child sequences.</summary>
[Collection(ClusterCollection.Name), Trait("Category", "Grains")]
public sealed class RollupSettlingGrainTests(ClusterFixture fixture)
{
    private static readonly WindowKey Minute = new(new SeriesKey(EventKind.Sensor, "pm25"), TimeSpan.FromMinutes(1).Ticks);

    private static RollupSegment[] Segments(int upTo) =>
        [.. Enumerable.Range(1, upTo).Select(seq => new RollupSegment(seq,
            [new WindowDelta(Minute, Events.T0.UtcTicks, WindowAggregator.Add(WindowAggregator.Create(), 2), Events.T0.UtcTicks)]))];

    [Fact]
    public async Task Rollup_ResendsAfterSettlingAndDeactivation_AppliedOnce()
    {
        var area = fixture.Grains.GetGrain<IRollupGrain>(GrainKeys.Area(Events.Unique("settle")));
        for (var child = 0; child < 5; child++)
        {
            Assert.Equal(2, await area.Merge($"child-{child}", Segments(2)));
        }

        await Deactivation.Deactivate(area);
        for (var child = 0; child < 5; child++)
        {
            Assert.Equal(2, await area.Merge($"child-{child}", Segments(2))); // every child resends: settled or recent
        }
        Assert.Equal(3, await area.Merge("child-1", Segments(3)));

        var window = Assert.Single(await area.GetWindows(Minute.Series, Minute.Size, null, null));
        Assert.Equal((11L, 22.0), (window.Aggregate.Count, window.Aggregate.Sum));
    }

    [Fact]
    public void RollupState_ManyUnchangedChildren_RecordWrittenEveryCommitDoesNotGrow()
    {
        var serializer = fixture.Cluster.ServiceProvider.GetRequiredService<Serializer>();
        int SerializedSize(int children)
        {
            var (state, options, emitted) = (new RollupState(), new WindowOptions(), new List<WindowResult>());
            for (var i = 0; i < children; i++)
            {
                RollupModel.Merge(state, $"source:child-{i:D7}", Segments(1), options, Events.T0, emitted);
                if (RollupModel.ToSettle(state, 64) is { } settling) // as RollupGrain does around each write
                {
                    RollupModel.Settle(state, settling);
                    RollupModel.Release(state, settling);
                }
            }
            RollupModel.Merge(state, "source:newcomer", Segments(1), options, Events.T0, emitted);
            return serializer.SerializeToArray(state).Length;
        }

        var (few, many) = (SerializedSize(64), SerializedSize(64 * 256));

        // The same windows and one recent child either way; only the counts inside the windows take a few more bytes.
        Assert.InRange(many, few, few + 16);
    }
}
