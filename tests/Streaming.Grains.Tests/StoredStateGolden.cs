using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Streaming.Domain;

namespace Streaming.Grains.Tests;

/// <summary>
/// The states a source, its entity and their area hold after seventeen minutes of a three-reading sensor (one event every 5 s): final and open
/// windows of both sizes, dedupe memory past 64 entries, cleaning memory, activity windows, an outbox and a roll-up.
/// Built only from the domain model at fixed times, so every build of it is the same.
/// </summary>
internal static class StoredStateGolden
{
    /// <summary>The Orleans serializer's services for the Domain's states.</summary>
    public static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(EntityState).Assembly)).BuildServiceProvider();

    /// <summary>The Orleans binary serializer for the Domain's states, as grain storage writes them.</summary>
    public static readonly Serializer Serializer = Services.GetRequiredService<Serializer>();

    private static readonly DateTimeOffset Ten = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A roll-up's settled child sequences: keys of one-, two- and three-byte UTF-8 characters.</summary>
    public static SettledSequences Settled() => new()
    {
        Applied = { ["source:sensor-1"] = 17, ["place:Ynys Môn"] = 3, ["source:東京-7"] = long.MaxValue, ["place:L81064"] = 1 },
    };

    public static (SourceCleaningState Source, EntityState Entity, RollupState Area) Build()
    {
        var windows = new WindowOptions();
        var cleaning = new CleaningOptions();
        var source = new SourceCleaningState();
        var entity = new EntityState { Area = "E38000001" };
        entity.Attributes["ward"] = "3";
        var clean = new List<CleanEvent>();
        for (var i = 0; i < 200; i++)
        {
            var time = Ten.AddSeconds(5 * i);
            var envelope = new EventEnvelope(new EnvelopeId($"sensor-1:{i}"), new SourceId("sensor-1"), EventKind.Sensor, null, time, i,
                Provenance.Http("/api/ingest", time.AddSeconds(1)),
                new SensorPayload([new("pm25", 10 + (i % 7), "ug/m3"), new("no2", 30 + (i % 5), "ug/m3"), new("temperature", 5 + (i % 3), "Cel")]));
            if (ContentCleaning.Clean(envelope, source, cleaning).Event is { } e)
            {
                clean.Add(e);
            }
        }
        SourceActivity.Count(source, clean, SourceActivity.Retaining(windows));
        var result = EntityModel.Apply(entity, clean, windows, cleaning.MaxDedupeEntries, cleaning.DedupeHorizon);
        entity.Outbox.Enqueue(result.Deltas);
        var area = new RollupState();
        RollupModel.Merge(area, "source:sensor-1", entity.Outbox.Pending, windows, Ten.AddMinutes(17), []);
        return (source, entity, area);
    }
}
