using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains.Tests;

[Collection(ClusterCollection.Name), Trait("Category", "Grains")]
public sealed class SourceGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Ingest_CleanAndBadReadings_ReportsEachAndAppliesGood()
    {
        var source = Events.Unique("aq");
        var report = await fixture.Grains.GetGrain<ISourceGrain>(source).Ingest(
        [
            Events.Sensor(source, 0, ("pm25", 12.5), ("no2", 31)),
            Events.Sensor(source, 30, ("pm25", double.NaN)),
            Events.Sensor(source, 40, ("humidity", 140), ("temp", 21)),
        ]);

        Assert.Equal(2, report.Accepted);
        Assert.Equal(1, report.Rejected);
        Assert.Equal([RejectReason.NotANumber, RejectReason.OutOfRange], report.Rejections.Select(r => r.Reason));
        var entity = await fixture.Grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(EntityKey.ForSource(new SourceId(source)))).GetSnapshot();
        Assert.Equal(12.5, entity.Current["pm25"].Value);
        Assert.Equal(21, entity.Current["temperature"].Value);
        Assert.Equal(2, entity.EventsApplied);
        Assert.Equal(2, RecordingOutputSink.Clean.Count(e => e.Source.Value == source));
        Assert.Contains(RecordingOutputSink.Entities, e => e.Key == GrainKeys.Entity(EntityKey.ForSource(new SourceId(source))));
        var health = await fixture.Grains.GetGrain<ISourceGrain>(source).GetHealth();
        Assert.Equal(2, health.EventsAccepted);
        Assert.Equal(1, health.Rejected[RejectReason.OutOfRange]);
    }

    [Fact]
    public async Task GetHealth_AfterDeactivation_StillKnowsWhenTheSourceWasLastSeen()
    {
        var grain = fixture.Grains.GetGrain<ISourceGrain>(Events.Unique("quiet"));
        var before = DateTimeOffset.UtcNow;
        await grain.Ingest([Events.Sensor(grain.GetPrimaryKeyString(), 0, ("pm25", 10))]);

        // A sensor that has gone quiet is exactly the one whose health gets asked, after its activation was collected.
        await Deactivation.Deactivate(grain);

        var health = await grain.GetHealth();
        Assert.NotNull(health.LastSeen);
        Assert.InRange(health.LastSeen.Value, before, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Ingest_SameBatchTwice_CountedOnce()
    {
        var source = Events.Unique("dup");
        EventEnvelope[] batch = [Events.Sensor(source, 0, ("pm25", 10)), Events.Sensor(source, 1, ("pm25", 20))];
        var grain = fixture.Grains.GetGrain<ISourceGrain>(source);

        await grain.Ingest(batch);
        var second = await grain.Ingest(batch);

        Assert.Equal(0, second.Accepted);
        Assert.All(second.Rejections, r => Assert.Equal(RejectReason.Duplicate, r.Reason));
        var windows = await fixture.Grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(EntityKey.ForSource(new SourceId(source))))
            .GetWindows(new SeriesKey(EventKind.Sensor, "pm25"), TimeSpan.FromMinutes(1), null, null);
        Assert.Equal(2, Assert.Single(windows).Aggregate.Count);
    }

    [Fact]
    public async Task Ingest_EventOlderThanWatermark_ReportedLate()
    {
        var source = Events.Unique("late");
        var grain = fixture.Grains.GetGrain<ISourceGrain>(source);
        await grain.Ingest([Events.Sensor(source, 3600, ("pm25", 10))]);

        var report = await grain.Ingest([Events.Sensor(source, 0, ("pm25", 99))]);

        Assert.Equal(0, report.Accepted);
        Assert.Equal(RejectReason.Late, Assert.Single(report.Rejections).Reason);
        Assert.DoesNotContain(RecordingOutputSink.Clean, e => e.Source.Value == source && e.EventTime == Events.T0);
    }
}
