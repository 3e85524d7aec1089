using Streaming.Domain;

namespace Streaming.Ingress.Tests;

[Trait("Category", "Ingress")]
public sealed class SandboxRollupsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static EventEnvelope Sensor(string id, string source, int minute, double value) =>
        new(new EnvelopeId(id), new SourceId(source), EventKind.Sensor, null, T0.AddMinutes(minute), null,
            Provenance.Http("/api/ingest", T0.AddMinutes(minute)), new SensorPayload([new Reading("pm25", value, "ug/m3")]));

    [Fact]
    public void Replay_TwoSourcesInChunks_AreaAndSystemHoldEveryAppliedReading()
    {
        var windows = new WindowOptions { Sizes = [TimeSpan.FromHours(1)] };
        var settings = new ReplaySettings(new CleaningOptions(), windows, new PlaceIndex([]), new Dictionary<string, EntityKey>(), 250);
        var rollups = new SandboxRollups(windows, settings.Places, TimeProvider.System);
        var domain = new DomainReplay(settings) { Rollups = rollups };

        domain.Apply([Sensor("a1", "a", 0, 10), Sensor("b1", "b", 1, 20)]);
        domain.Apply([Sensor("a2", "a", 2, 30), Sensor("b2", "b", 3, 2000)]); // 2000 is out of range for pm25: refused
        var owners = rollups.Close().ToDictionary(o => o.Owner, o => o.Windows);

        var key = new WindowKey(new SeriesKey(EventKind.Sensor, "pm25"), TimeSpan.FromHours(1).Ticks);
        Assert.Equal(["area:unassigned", "system"], owners.Keys);
        foreach (var (owner, set) in owners)
        {
            var window = Assert.Single(set.Query(key, null, null));
            Assert.True(window.Final, owner);
            Assert.Equal((3L, 60.0, 10.0, 30.0), (window.Aggregate.Count, window.Aggregate.Sum, window.Aggregate.Min, window.Aggregate.Max));
        }
    }
}
