using Microsoft.Extensions.Options;
using Streaming.Domain;
using Streaming.Ingress;

namespace Streaming.EndToEnd.Tests;

/// <summary>The archive's writer and reader on their own: what goes in comes back, in replay order, and only in range.</summary>
public sealed class ArchiveRoundTripTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "archive-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Archive_EveryPayloadShape_ReadsBackAsTheSameEnvelopes()
    {
        var archive = new FileEventArchive(Options.Create(new ReplayOptions { ArchiveFolder = _folder }));
        var t = new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.FromHours(1));
        EventEnvelope[] sent =
        [
            Sensor("a-2", t.AddMinutes(5), new Reading("pm25", 12.5, "ug/m3"), new Reading("no2", double.NaN, null)) with
            {
                Payload = new SensorPayload([new Reading("pm25", 12.5, "ug/m3"), new Reading("no2", double.NaN, null)])
                {
                    Location = new GeoPoint(51.01, -3.1), Postcode = new Postcode("TA1 1AA"), Address = "1 High St, Taunton",
                },
                Entity = new EntityKey("place:ods:L85001"),
            },
            Sensor("a-1", t, new Reading("temperature", 0.1 + 0.2, "Cel")),
            new(new EnvelopeId("r-1"), new SourceId("pas-1"), EventKind.Record, null, t, null, Provenance.Http("/api/ingest/records", t),
                new RecordPayload("hospital-a", "patient", "A-1",
                    new Dictionary<string, string> { ["ward"] = "7", ["nhsNumber"] = "nhs:abc" })),
            Sensor("a-3", t.AddDays(1), new Reading("co", 1, "mg/m3")),
        ];
        await Task.WhenAll(archive.AppendAsync(sent[..2]), archive.AppendAsync(sent[2..]));

        var back = new ArchiveReader(_folder).Read(Plan(t.AddHours(-1), t.AddDays(2))).ToList();

        // Event time order (a-1 and the record share a time: the sensor file comes first), across the two UTC days.
        Assert.Equal(["a-1", "r-1", "a-2", "a-3"], back.Select(e => e.Id.Value));
        foreach (var e in back)
        {
            AssertSame(sent.Single(s => s.Id == e.Id), e);
        }
    }

    [Fact]
    public async Task Reader_RangeAndFilters_SkipOtherDaysSourcesAndKinds()
    {
        var archive = new FileEventArchive(Options.Create(new ReplayOptions { ArchiveFolder = _folder }));
        var t = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        await archive.AppendAsync(
            [Sensor("d-0", t.AddDays(-1)), Sensor("x-1", t), Sensor("y-1", t, source: "other"), Sensor("x-2", t.AddDays(1))]);
        File.AppendAllText(ArchiveLayout.FileFor(_folder, DateOnly.FromDateTime(t.UtcDateTime), EventKind.Sensor), "{\"torn\n");

        var reader = new ArchiveReader(_folder);
        var back = reader.Read(Plan(t.AddHours(-12), t.AddHours(12), source: "s")).ToList();

        Assert.Equal(["x-1"], back.Select(e => e.Id.Value));
        Assert.Equal(1, reader.Skipped);
        Assert.Single(reader.Files(Plan(t.AddHours(-12), t.AddHours(12))));
        Assert.Empty(new ArchiveReader(_folder).Read(Plan(t.AddHours(-12), t.AddHours(12)) with { Kinds = [EventKind.Record] }));
    }

    [Fact]
    public async Task Archive_ConcurrentBatchesToOneFile_EveryLineWholeAndEachBatchInOrder()
    {
        var archive = new FileEventArchive(Options.Create(new ReplayOptions { ArchiveFolder = _folder }));
        var t = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(b => Task.Run(() =>
            archive.AppendAsync([.. Enumerable.Range(0, 100).Select(i => Sensor($"{b}-{i}", t, new Reading("pm25", i, "ug/m3")))]))));

        var reader = new ArchiveReader(_folder);
        var back = reader.Read(Plan(t, t.AddSeconds(1))).ToList();
        Assert.Equal(0, reader.Skipped);
        Assert.Equal(1600, back.Count);
        // One write per batch: a batch's lines stay together and in order, whichever batch went first.
        Assert.All(back.Chunk(100), batch => Assert.Equal(
            Enumerable.Range(0, 100).Select(i => $"{batch[0].Id.Value.Split('-')[0]}-{i}"), batch.Select(e => e.Id.Value)));
    }

    private static ReplayPlan Plan(DateTimeOffset from, DateTimeOffset to, string? source = null) =>
        new(from, to, source is null ? [] : [source], [], []);

    internal static EventEnvelope Sensor(string id, DateTimeOffset time, params Reading[] readings) => Sensor(id, time, "s", readings);

    internal static EventEnvelope Sensor(string id, DateTimeOffset time, string source, params Reading[] readings) =>
        new(new EnvelopeId(id), new SourceId(source), EventKind.Sensor, null, time, 7,
            Provenance.Http("/api/ingest", time.AddSeconds(1), "127.0.0.1"),
            new SensorPayload(readings.Length > 0 ? readings : [new Reading("pm25", 1, null)]));

    private static void AssertSame(EventEnvelope expected, EventEnvelope actual)
    {
        Assert.Equal(expected with { Payload = actual.Payload }, actual);
        Assert.Equal(expected.EventTime.Offset, actual.EventTime.Offset);
        switch ((expected.Payload, actual.Payload))
        {
            case (SensorPayload e, SensorPayload a):
                Assert.Equal(e.Readings, a.Readings);
                Assert.Equal((e.Location, e.Postcode, e.Address), (a.Location, a.Postcode, a.Address));
                break;
            case (RecordPayload e, RecordPayload a):
                Assert.Equal((e.System, e.Type, e.LocalId), (a.System, a.Type, a.LocalId));
                Assert.Equal(e.Fields.OrderBy(p => p.Key), a.Fields.OrderBy(p => p.Key));
                break;
            default:
                Assert.Fail($"payload {actual.Payload.GetType().Name} does not match {expected.Payload.GetType().Name}");
                break;
        }
    }
}
