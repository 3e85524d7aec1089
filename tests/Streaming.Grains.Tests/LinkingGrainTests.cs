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

    private static EventEnvelope RecordEvent(string source, string system, string id, params (string Name, string Value)[] fields) =>
        new(new EnvelopeId($"{system}/{id}@{Guid.NewGuid():N}"), new SourceId(source), EventKind.Record, null, Events.T0, null,
            Provenance.Http("/test", DateTimeOffset.UtcNow), new RecordPayload(system, "test", id, fields.ToDictionary(f => f.Name, f => f.Value)));

    [Fact]
    public async Task Records_SamePseudonymFromTwoSystems_OnePersonEntity()
    {
        var person = "nhs:" + Guid.NewGuid().ToString("N");
        await fixture.Grains.GetGrain<ISourceGrain>("pas").Ingest([RecordEvent("pas", "hospital-a", "p1", ("nhsNumber", person), ("ward", "7"))]);
        await fixture.Grains.GetGrain<ISourceGrain>("gp").Ingest([RecordEvent("gp", "gp-b", "x9", ("nhsNumber", person), ("practice", "W1"))]);

        var entity = await fixture.Grains.GetGrain<IEntityQueryGrain>("person:" + person).GetSnapshot();

        Assert.Equal(["gp-b", "hospital-a"], entity.Records.Select(r => r.System).Order());
        Assert.All(entity.Records, r => Assert.Equal("nhs-number", r.Reason));
        Assert.Equal(("7", "W1"), (entity.Attributes["ward"], entity.Attributes["practice"]));
    }

    [Fact]
    public async Task Records_WrongLinkUndone_RowMovesToItsOwnEntity()
    {
        var id = Events.Unique("site");
        var source = fixture.Grains.GetGrain<ISourceGrain>("council");
        await source.Ingest([RecordEvent("council", "council", id, ("odsCode", "W1"), ("name", "not really the practice"))]);
        var link = fixture.Grains.GetGrain<IRecordLinkGrain>(GrainKeys.RecordLink("council", id));
        Assert.Equal(TestPlaceRegistry.Wells.Entity, (await link.Get())?.Entity);

        var undone = await link.Undo();
        await source.Ingest([RecordEvent("council", "council", id, ("odsCode", "W1"), ("name", "updated"))]);

        Assert.Equal(new EntityKey($"record:council:{id}"), undone?.Entity);
        var wells = await fixture.Grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(TestPlaceRegistry.Wells.Entity)).GetSnapshot();
        Assert.DoesNotContain(wells.Records, r => r.LocalId == id);
        var own = await fixture.Grains.GetGrain<IEntityQueryGrain>($"record:council:{id}").GetSnapshot();
        Assert.Equal("updated", own.Attributes["name"]);
        Assert.Equal("undone", Assert.Single(own.Records).Reason);
    }

    [Fact]
    public async Task Records_DeviceRegistration_LinksTheSourceToTheRecordsEntity()
    {
        var device = Events.Unique("device");
        await fixture.Grains.GetGrain<ISourceGrain>("estates").Ingest(
            [RecordEvent("estates", "estates", Events.Unique("asset"), ("odsCode", "T1"), ("device", device))]);

        var health = await fixture.Grains.GetGrain<ISourceGrain>(device).GetHealth();

        Assert.Equal(TestPlaceRegistry.Taunton.Entity, health.Link?.Entity);
        Assert.StartsWith("record estates/", health.Link?.Reason, StringComparison.Ordinal);
    }
}
