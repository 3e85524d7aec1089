using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parquet.Serialization;
using Streaming.Domain;
using Streaming.Ingress;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// History and replay against the real silo: the export of a range holds exactly the readings sent in it, and the pure
/// domain replayed from the archive gives every window field the live grains computed, bit for bit.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(ReplayCollection.Name)]
public sealed class ReplayDeterminismTests(ReplaySilo fixture)
{
    private static readonly string[] Metrics = ["co", "no2", "temperature", "humidity"];

    [Fact]
    public async Task Export_JsonLinesOverHttp_HoldsExactlyTheReadingsSent()
    {
        var rows = await ExportJsonLines();

        // -200 marks a missing value: refused as out of range, so never exported.
        var expected = ExpectedReadings();
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(expected, rows.Select(r => (r.EventTime, r.Metric, r.Value)).OrderBy(r => r).ToList());
        Assert.All(rows, r => Assert.Equal(("uci-air-1", "source:uci-air-1"), (r.Source, r.Entity)));
    }

    [Fact]
    public async Task Export_ParquetOverHttp_ReadsBackWithParquetNet()
    {
        using var response = await Export("parquet");
        await using var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        var rows = (await ParquetSerializer.DeserializeAsync<ParquetReplayRow>(body)).Data;

        Assert.Equal(ExpectedReadings(),
            rows.Select(r => (new DateTimeOffset(r.EventTime, TimeSpan.Zero), r.Metric, r.Value)).OrderBy(r => r).ToList());
        Assert.Equal((await ExportJsonLines()).Select(r => r.EnvelopeId), rows.Select(r => r.EnvelopeId));
    }

    [Fact]
    public async Task Replay_PureDomainFromArchive_WindowsEqualLiveBitForBit()
    {
        var exporter = new ReplayExporter(fixture.Archive, ReplaySilo.Settings(), TimeProvider.System);
        await using var sink = ReplayWriters.Create(ReplayFormat.JsonLines, Stream.Null);
        var replay = await exporter.ExportAsync(new ReplayPlan(ReplaySilo.From, ReplaySilo.To, [], [], []), sink, null);
        var entity = replay.Domain.Entities[new EntityKey("source:uci-air-1")];

        foreach (var metric in Metrics)
        {
            foreach (var (size, span) in new[] { ("1h", TimeSpan.FromHours(1)), ("1d", TimeSpan.FromDays(1)) })
            {
                var from = Uri.EscapeDataString(ReplaySilo.From.ToString("O", CultureInfo.InvariantCulture));
                var to = Uri.EscapeDataString(ReplaySilo.To.ToString("O", CultureInfo.InvariantCulture));
                var live = (await fixture.Silo.Http.GetFromJsonAsync<JsonElement>(
                    $"/api/entities/source:uci-air-1/windows?metric={metric}&size={size}&from={from}&to={to}"))
                    .EnumerateArray().Select(Fields).Where(w => w.Start >= ReplaySilo.From).ToList();
                var key = new WindowKey(new SeriesKey(EventKind.Sensor, metric), span.Ticks);
                var replayed = entity.Windows.Query(key, ReplaySilo.From, ReplaySilo.To)
                    .Select(w => (w.Start, w.Aggregate.Count, Bits(w.Aggregate))).Where(w => w.Start >= ReplaySilo.From).ToList();

                Assert.True(live.Count > 0, $"{metric} {size}: the live silo has no windows");
                Assert.Equal(live.Select(w => (w.Start, w.Count, w.Bits)), replayed);
            }
        }
    }

    private static (DateTimeOffset Start, long Count, long[] Bits) Fields(JsonElement w) =>
        (w.GetProperty("start").GetDateTimeOffset(), w.GetProperty("count").GetInt64(),
            [.. new[] { "sum", "min", "max", "mean", "stddev", "p50", "p95", "p99" }
                .Select(f => BitConverter.DoubleToInt64Bits(w.GetProperty(f).GetDouble()))]);

    private static long[] Bits(WindowAggregate a) =>
        [.. new[] { a.Sum, a.Min, a.Max, a.Mean, a.StdDev, a.P50, a.P95, a.P99 }.Select(BitConverter.DoubleToInt64Bits)];

    private List<(DateTimeOffset Time, string Metric, double Value)> ExpectedReadings() =>
        [.. fixture.Sent.Where(r => r.Time >= ReplaySilo.From && r.Time < ReplaySilo.To)
            .SelectMany(r => r.Readings.Where(p => p.Value.Value != -200).Select(p => (r.Time.ToUniversalTime(), p.Key, p.Value.Value)))
            .OrderBy(r => r)];

    private async Task<List<ReplayRow>> ExportJsonLines()
    {
        using var response = await Export("jsonl");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Select(l => JsonSerializer.Deserialize(l, ReplayJsonContext.Default.ReplayRow)!)];
    }

    private async Task<HttpResponseMessage> Export(string format)
    {
        var response = await fixture.Silo.Http.PostAsJsonAsync("/api/replay/export",
            new { from = ReplaySilo.From, to = ReplaySilo.To, kinds = new[] { "sensor" }, format });
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"export answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
