using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains.Tests;

[Collection(ClusterCollection.Name), Trait("Category", "Grains")]
public sealed class EntityAndRollupGrainTests(ClusterFixture fixture)
{
    private static readonly SeriesKey Pm25 = new(EventKind.Sensor, "pm25");

    [Fact]
    public async Task Rollup_TwoSources_SystemWindowCountsBoth()
    {
        var metric = Events.Unique("m");
        var series = new SeriesKey(EventKind.Sensor, metric);
        var a = Events.Unique("a");
        var b = Events.Unique("b");
        await fixture.Grains.GetGrain<ISourceGrain>(a).Ingest([Events.Sensor(a, 0, (metric, 1)), Events.Sensor(a, 10, (metric, 3))]);
        await fixture.Grains.GetGrain<ISourceGrain>(b).Ingest([Events.Sensor(b, 20, (metric, 5))]);

        var system = fixture.Grains.GetGrain<IRollupGrain>(GrainKeys.System);
        var windows = await Wait.Until(() => system.GetWindows(series, TimeSpan.FromHours(1), null, null),
            w => w.Length == 1 && w[0].Aggregate.Count == 3, $"one system window of {metric} with count 3");

        Assert.Equal(9, windows[0].Aggregate.Sum);
        Assert.Equal(5, windows[0].Aggregate.Max);
        var area = await fixture.Grains.GetGrain<IRollupGrain>(GrainKeys.Area("unassigned")).GetWindows(series, TimeSpan.FromMinutes(1), null, null);
        Assert.Equal(3, area.Sum(w => w.Aggregate.Count));
    }

    [Fact]
    public async Task Entity_AfterDeactivation_StateReloadedFromStorage()
    {
        var source = Events.Unique("persist");
        await fixture.Grains.GetGrain<ISourceGrain>(source).Ingest([Events.Sensor(source, 0, ("pm25", 7)), Events.Sensor(source, 5, ("pm25", 9))]);
        var entity = fixture.Grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(EntityKey.ForSource(new SourceId(source))));
        var before = await entity.GetWindows(Pm25, TimeSpan.FromMinutes(1), null, null);

        await Deactivation.Deactivate(entity, fixture.Grains.GetGrain<ISourceGrain>(source));

        var after = await entity.GetWindows(Pm25, TimeSpan.FromMinutes(1), null, null);
        Assert.Equal(before.Select(w => (w.Start, w.Aggregate)), after.Select(w => (w.Start, w.Aggregate)));
        Assert.Equal(2, (await entity.GetSnapshot()).EventsApplied);
        // The source's dedupe memory survived too: a redelivery is still a duplicate.
        var again = await fixture.Grains.GetGrain<ISourceGrain>(source).Ingest([Events.Sensor(source, 0, ("pm25", 7))]);
        Assert.Equal(RejectReason.Duplicate, Assert.Single(again.Rejections).Reason);
    }

    [Fact]
    public async Task Entity_IdleBeyondTimeout_WindowsBecomeFinal()
    {
        var source = Events.Unique("idle");
        await fixture.Grains.GetGrain<ISourceGrain>(source).Ingest([Events.Sensor(source, 0, ("pm25", 4))]);
        var entity = fixture.Grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(EntityKey.ForSource(new SourceId(source))));
        Assert.False(Assert.Single(await entity.GetWindows(Pm25, TimeSpan.FromMinutes(1), null, null)).Final);

        // IdleTimeout is 2 s of real time in this cluster; the entity's timer closes the window after it.
        var closed = await Wait.Until(() => entity.GetWindows(Pm25, TimeSpan.FromMinutes(1), null, null),
            w => w.Length == 1 && w[0].Final, "the idle entity's 1m window to be final");
        Assert.Equal(1, closed[0].Revision);
        var key = GrainKeys.Entity(EntityKey.ForSource(new SourceId(source)));
        Assert.Contains(RecordingOutputSink.Windows, w => w.Owner == key && w.Window.Final && w.Window.Size == TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Entity_HourStillRunning_CollectedWhenIdleAndWokenOnceItHasEnded()
    {
        var source = fixture.Grains.GetGrain<ISourceGrain>(Events.Unique("running"));
        var key = source.GetPrimaryKeyString();
        var now = DateTimeOffset.UtcNow;
        await source.Ingest([Events.SensorAt(key, now, 1, ("pm25", 4))]);
        var entity = fixture.Grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(EntityKey.ForSource(new SourceId(key))));

        // Kept while its hour runs, a million sensors that report every twenty minutes would each hold an activation.
        await Deactivation.CollectUntilGone(fixture.Grains, entity);

        var hourEnd = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero).AddHours(1);
        var due = WakeUpDue(entity);
        Assert.InRange(due, hourEnd, hourEnd + TimeSpan.FromSeconds(2)); // spread over the idle timeout
    }

    [Fact]
    public void SourceAndEntity_QuietSensorAge_CollectedEverySecond_UnlessConfigured()
    {
        var options = fixture.Cluster.Silos.Cast<InProcessSiloHandle>()
            .Select(s => s.SiloHost.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value);

        Assert.All(options, o =>
        {
            Assert.Equal(
                [(typeof(EntityGrain).FullName!, TimeSpan.FromMinutes(5)), (typeof(SourceGrain).FullName!, TimeSpan.FromMinutes(5))],
                o.ClassSpecificCollectionAge.Select(p => (p.Key, p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.Equal(TimeSpan.FromSeconds(1), o.CollectionQuantum); // not a minute's quiet sensors at once
        });
    }

    [Fact]
    public async Task QuietSensor_SourceGoesWithItsBatch_EntityOnceItsMinuteHasClosed()
    {
        var source = fixture.Grains.GetGrain<ISourceGrain>(Events.Unique("quiet"));
        var key = GrainKeys.Entity(EntityKey.ForSource(new SourceId(source.GetPrimaryKeyString())));
        var entity = fixture.Grains.GetGrain<IEntityQueryGrain>(key);
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        // A first event counts as quiet (the sensor's rate is not known yet); its minute ends within a second, its hour
        // later than the idle check (2 s after the event), or both would close together and the entity go at once.
        var now = await Wait.Until(() => Task.FromResult(DateTimeOffset.UtcNow), t => t.AddSeconds(5).Hour == t.AddSeconds(-59).Hour,
            "a time more than 5 s before the hour's end", TimeSpan.FromSeconds(90));
        await source.Ingest([Events.SensorAt(source.GetPrimaryKeyString(), now.AddSeconds(-59), 1, ("pm25", 4))]);

        // Nothing forces a collection here, and both grains' age is five minutes.
        await Wait.Until(() => management.GetGrainActivationCount((GrainReference)source), n => n == 0, "the quiet source gone with its batch");
        await Wait.Until(() => management.GetGrainActivationCount((GrainReference)entity), n => n == 0, "the quiet entity gone");
        // Its minute was closed by the entity itself, 2 s after the event; a wake-up would have come 5 s after it at the soonest.
        Assert.Contains(RecordingOutputSink.Windows, w => w.Owner == key && w.Window.Final && w.Window.Size == TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task QuietSensor_GoneWithItsHourOpen_WokenOnlyOnceItsNextEventIsOverdue()
    {
        var source = fixture.Grains.GetGrain<ISourceGrain>(Events.Unique("overdue"));
        var id = source.GetPrimaryKeyString();
        var entity = fixture.Grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(EntityKey.ForSource(new SourceId(id))));
        var now = await Wait.Until(() => Task.FromResult(DateTimeOffset.UtcNow), t => t.AddSeconds(5).Hour == t.AddSeconds(-59).Hour,
            "a time more than 5 s before the hour's end", TimeSpan.FromSeconds(90));
        // Received 40 minutes apart: the next is due 40 minutes on, overdue 20 after that, and the hour of the event has
        // ended by then, so its next event would close it first. Woken at the hour's end, it would be for nothing.
        var earlier = Events.SensorAt(id, now.AddMinutes(-40), 1, ("pm25", 4));
        await source.Ingest([earlier with { Provenance = Provenance.Http("/test", now.AddMinutes(-40)) }]);
        var last = Events.SensorAt(id, now.AddSeconds(-59), 2, ("pm25", 5));
        await source.Ingest([last]);

        await Wait.Until(() => fixture.Grains.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)entity), n => n == 0,
            "the quiet entity gone once its minute closed");
        var due = WakeUpDue(entity);
        var received = last.Provenance.ReceivedAt;
        var overdue = received + ((received - now.AddMinutes(-40)) * 1.5);
        Assert.InRange(due, overdue, overdue + TimeSpan.FromSeconds(2)); // spread over the idle timeout
    }

    [Fact]
    public async Task FrequentSensor_KeepsItsGrainsPastTheIdleCheck()
    {
        var source = fixture.Grains.GetGrain<ISourceGrain>(Events.Unique("frequent"));
        var key = GrainKeys.Entity(EntityKey.ForSource(new SourceId(source.GetPrimaryKeyString())));
        var now = DateTimeOffset.UtcNow;
        await source.Ingest([Events.SensorAt(source.GetPrimaryKeyString(), now.AddSeconds(-59), 1, ("pm25", 4))]);
        await source.Ingest([Events.SensorAt(source.GetPrimaryKeyString(), now.AddSeconds(-58), 2, ("pm25", 5))]);
        await Wait.Until(() => Task.FromResult(RecordingOutputSink.Windows.Any(w => w.Owner == key && w.Window.Final)),
            closed => closed, "the entity's idle check to close its minute");

        Assert.True(await Deactivation.StaysActive(fixture.Grains, source, TimeSpan.FromSeconds(1)), "the source of a sensor that reports often went");
        Assert.True(await Deactivation.StaysActive(fixture.Grains, fixture.Grains.GetGrain<IEntityQueryGrain>(key), TimeSpan.FromSeconds(1)),
            "the entity of a sensor that reports often went after its idle check");
    }

    [Theory]
    [InlineData(null, true)]   // a new sensor
    [InlineData(301, true)]
    [InlineData(300, false)]
    [InlineData(10, false)]
    public void QuietSensor_EventsFurtherApartThanTheAge(int? secondsSincePrevious, bool quiet)
    {
        var now = Events.T0;
        Assert.Equal(quiet, QuietSensor.ReportsLessOftenThan(TimeSpan.FromMinutes(5), secondsSincePrevious is { } s ? now.AddSeconds(-s) : null, now));
    }

    [Fact]
    public async Task Entity_EveryWindowClosed_CollectedAsAnyIdleGrain()
    {
        var source = Events.Unique("closed");
        await fixture.Grains.GetGrain<ISourceGrain>(source).Ingest([Events.Sensor(source, 0, ("pm25", 4))]);
        var entity = fixture.Grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(EntityKey.ForSource(new SourceId(source))));
        await Wait.Until(() => entity.GetWindows(Pm25, TimeSpan.FromHours(1), null, null),
            w => w.Length == 1 && w[0].Final, "the idle entity's hour to be final");

        await Deactivation.CollectUntilGone(fixture.Grains, entity);
    }

    [Fact]
    public async Task Rollup_WindowStillRunning_OutlivesActivationCollection()
    {
        var series = new SeriesKey(EventKind.Sensor, Events.Unique("m"));
        var now = DateTimeOffset.UtcNow;
        var hour = new WindowKey(series, TimeSpan.FromHours(1).Ticks);
        var delta = new WindowDelta(hour, now.UtcTicks - now.UtcTicks % hour.SizeTicks, WindowAggregator.Add(WindowAggregator.Create(), 2), now.UtcTicks);
        var area = fixture.Grains.GetGrain<IRollupGrain>(GrainKeys.Area(Events.Unique("quiet")));
        await area.Merge("child", [new RollupSegment(1, [delta])]);
        // The area keeps itself alive on its timer's tick, the one that forwards to the system.
        await Wait.Until(() => fixture.Grains.GetGrain<IRollupGrain>(GrainKeys.System).GetWindows(series, hour.Size, null, null),
            w => w.Length == 1, "the area's hour forwarded to the system");

        Assert.True(await Deactivation.SurvivesCollection(fixture.Grains, area, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Entity_DeactivatedWithWindowsOpen_WokenToCloseThem()
    {
        var source = Events.Unique("woken");
        await fixture.Grains.GetGrain<ISourceGrain>(source).Ingest([Events.Sensor(source, 0, ("pm25", 4))]);
        var key = GrainKeys.Entity(EntityKey.ForSource(new SourceId(source)));

        var entity = fixture.Grains.GetGrain<IEntityQueryGrain>(key);
        await DeactivateThenWaitForFinalWindows(entity, key, 2);

        // Nothing left open, it goes at once rather than after five quiet minutes, however many are woken together.
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await Wait.Until(() => management.GetGrainActivationCount((GrainReference)entity), n => n == 0, "the woken entity gone again");
    }

    [Fact]
    public async Task Rollup_DeactivatedWithWindowsOpen_WokenToCloseThem()
    {
        var series = new SeriesKey(EventKind.Sensor, Events.Unique("m"));
        var minute = new WindowKey(series, TimeSpan.FromMinutes(1).Ticks);
        var start = Events.T0.UtcTicks - Events.T0.UtcTicks % minute.SizeTicks;
        var delta = new WindowDelta(minute, start, WindowAggregator.Add(WindowAggregator.Create(), 2), Events.T0.UtcTicks);
        var key = GrainKeys.Area(Events.Unique("stopped"));
        await fixture.Grains.GetGrain<IRollupGrain>(key).Merge("child", [new RollupSegment(1, [delta])]);

        await DeactivateThenWaitForFinalWindows(fixture.Grains.GetGrain<IRollupGrain>(key), key, 1);
    }

    // Ends the grain before its idle check (IdleTimeout, 2 s after its input), as a stopping silo would, then calls it no
    // more (a query would activate it, and its own timer would close them): only a wake-up can publish its final windows.
    private static async Task DeactivateThenWaitForFinalWindows(IAddressable grain, string key, int windows)
    {
        await Deactivation.Deactivate(grain);
        Assert.DoesNotContain(RecordingOutputSink.Windows, w => w.Owner == key && w.Window.Final);

        await Wait.Until(() => Task.FromResult(RecordingOutputSink.Windows.Count(w => w.Owner == key && w.Window.Final)),
            n => n == windows, $"{windows} final windows from {key}", TimeSpan.FromSeconds(60));
    }

    // When the silo holding the grain is to wake it (InProcessWakeUps); fails when none is.
    private DateTimeOffset WakeUpDue(IAddressable grain) =>
        fixture.Cluster.Silos.Cast<InProcessSiloHandle>()
            .Select(s => s.SiloHost.Services.GetRequiredService<InProcessWakeUps>().DueAt(grain.GetGrainId()))
            .Single(d => d is not null)!.Value;

    [Fact]
    public async Task Entity_RedeliveredCleanEvent_Duplicate()
    {
        var source = new SourceId(Events.Unique("redeliver"));
        var entity = EntityKey.ForSource(source);
        var e = new CleanEvent(new EnvelopeId("x1"), source, entity, EventKind.Sensor, Events.T0, Events.T0,
            [new CleanReading("pm25", 3, "ug/m3", ReadingFlags.None)]);
        var grain = fixture.Grains.GetGrain<IEntityGrain>(GrainKeys.Entity(entity));

        Assert.Equal([ApplyOutcome.Applied], await grain.Apply([e]));
        Assert.Equal([ApplyOutcome.Duplicate], await grain.Apply([e]));
    }
}
