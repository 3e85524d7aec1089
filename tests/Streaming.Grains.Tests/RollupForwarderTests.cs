using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains.Tests;

/// <summary>
/// Entities send their area one merge per silo per interval through the silo's <see cref="RollupForwarder"/> (issue 8),
/// not a merge each.
/// </summary>
[Collection(ClusterCollection.Name), Trait("Category", "Grains")]
public sealed class RollupForwarderTests(ClusterFixture fixture)
{
    private static RollupSegment[] Segments(WindowKey key, int upTo) =>
        [.. Enumerable.Range(1, upTo).Select(seq => new RollupSegment(seq,
            [new WindowDelta(key, Events.T0.UtcTicks, WindowAggregator.Add(WindowAggregator.Create(), 2), Events.T0.UtcTicks)]))];

    private RollupForwarder Forwarder(int maxChildren) =>
        new(fixture.Grains, Options.Create(new RollupOptions { ForwardInterval = TimeSpan.FromMilliseconds(300), MaxChildrenPerMerge = maxChildren }),
            TimeProvider.System, NullLogger<RollupForwarder>.Instance);

    [Theory]
    [InlineData(30, 1000, new[] { 30 })]
    [InlineData(25, 10, new[] { 5, 10, 10 })]
    public async Task Submit_ChildrenOfOneArea_OneMergePerIntervalOrFullBatch(int children, int maxChildren, int[] expectedMerges)
    {
        var prefix = Events.Unique("fwd");
        var key = new WindowKey(new SeriesKey(EventKind.Sensor, prefix), TimeSpan.FromMinutes(1).Ticks);
        var area = GrainKeys.Area(prefix);
        var forwarder = Forwarder(maxChildren);

        var applied = await Task.WhenAll(Enumerable.Range(0, children).Select(i => forwarder.Submit(area, $"{prefix}-{i}", Segments(key, 2))));

        Assert.All(applied, seq => Assert.Equal(2, seq));
        Assert.Equal(expectedMerges, RollupCalls.MergesOf(c => c.StartsWith(prefix, StringComparison.Ordinal)).Select(m => m.Length).Order());
        var window = Assert.Single(await fixture.Grains.GetGrain<IRollupGrain>(area).GetWindows(key.Series, key.Size, null, null));
        Assert.Equal(2 * children, window.Aggregate.Count);
    }

    [Fact]
    public async Task Entities_OneBatchForManyEntities_AreaGetsFewMergesAndEveryEvent()
    {
        var prefix = Events.Unique("many");
        var source = Events.Unique("fan-out");
        var metric = Events.Unique("m");
        EventEnvelope[] batch = [.. Enumerable.Range(0, 40).Select(i =>
            Events.Sensor(source, i, (metric, 1)) with { Entity = new EntityKey($"{prefix}-{i}") })];

        await fixture.Grains.GetGrain<ISourceGrain>(source).Ingest(batch);

        var area = fixture.Grains.GetGrain<IRollupGrain>(GrainKeys.Area("unassigned"));
        await Wait.Until(() => area.GetWindows(new SeriesKey(EventKind.Sensor, metric), TimeSpan.FromMinutes(1), null, null),
            w => w.Sum(x => x.Aggregate.Count) == 40, $"the area's windows of {metric} to count all 40 entities' events");
        var merges = RollupCalls.MergesOf(c => c.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Equal(40, merges.Sum(m => m.Length));
        Assert.InRange(merges.Count, 1, 8); // two silos, and the 40 entities applied at once: not one merge each
        Assert.DoesNotContain(RollupCalls.SingleMerges.ToArray(), c => c.StartsWith(prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Entity_MergeFails_SendsAgainAndAreaCountsEachEventOnce()
    {
        var source = Events.Unique("flaky");
        var metric = Events.Unique("m");
        var child = GrainKeys.Entity(EntityKey.ForSource(new SourceId(source)));
        RollupCalls.FailOnce(child);

        await fixture.Grains.GetGrain<ISourceGrain>(source).Ingest([Events.Sensor(source, 0, (metric, 1)), Events.Sensor(source, 10, (metric, 3))]);

        var area = fixture.Grains.GetGrain<IRollupGrain>(GrainKeys.Area("unassigned"));
        var windows = await Wait.Until(() => area.GetWindows(new SeriesKey(EventKind.Sensor, metric), TimeSpan.FromMinutes(1), null, null),
            w => w.Sum(x => x.Aggregate.Count) == 2, $"the area's window of {metric} to count both events once the merge is sent again");
        Assert.Equal(4, Assert.Single(windows).Aggregate.Sum);
        Assert.True(RollupCalls.MergesOf(c => c == child).Count >= 2, "a failed merge and the one sent again");
    }
}
