using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains.Tests;

[Collection(ClusterCollection.Name), Trait("Category", "Grains")]
public sealed class LinkingGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Link_SourceToPlace_EventsUpdatePlaceAndRollUpToItsArea()
    {
        var metric = Events.Unique("m");
        var source = Events.Unique("linked");
        var grain = fixture.Grains.GetGrain<ISourceGrain>(source);

        await grain.Link(TestPlaceRegistry.Taunton.Entity, "test");
        await grain.Ingest([Events.Sensor(source, 0, (metric, 5))]);

        var place = await fixture.Grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(TestPlaceRegistry.Taunton.Entity)).GetSnapshot();
        Assert.Equal(5, place.Current[metric].Value);
        Assert.Equal("E07000190", place.Area);
        var area = fixture.Grains.GetGrain<IRollupGrain>(GrainKeys.Area("E07000190"));
        await Wait.Until(() => area.GetWindows(new SeriesKey(EventKind.Sensor, metric), TimeSpan.FromHours(1), null, null),
            w => w.Length == 1 && w[0].Aggregate.Count == 1, $"the Taunton area's {metric} window");
    }

    [Fact]
    public async Task Unlink_AfterLink_EventsUpdateSourceOwnEntityAgain()
    {
        var source = Events.Unique("unlinked");
        var grain = fixture.Grains.GetGrain<ISourceGrain>(source);
        await grain.Link(TestPlaceRegistry.Wells.Entity, "test");

        var removed = await grain.Unlink();
        await grain.Ingest([Events.Sensor(source, 0, ("pm25", 3))]);

        Assert.Equal(TestPlaceRegistry.Wells.Entity, removed?.Entity);
        var own = await fixture.Grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(EntityKey.ForSource(new SourceId(source)))).GetSnapshot();
        Assert.Equal(1, own.EventsApplied);
    }

    [Fact]
    public async Task Link_FromConfiguration_AppliesUntilApiChangesIt()
    {
        var health = await fixture.Grains.GetGrain<ISourceGrain>("configured-sensor").GetHealth();

        Assert.Equal(TestPlaceRegistry.Wells.Entity, health.Link?.Entity);
        Assert.Equal("configuration", health.Link?.Reason);
    }
}
