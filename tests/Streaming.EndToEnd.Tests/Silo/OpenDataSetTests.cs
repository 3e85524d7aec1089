using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>Real open data through <c>POST /api/ingest</c>, checked against an independent computation.</summary>
[Trait("Category", "EndToEnd")]
public sealed class OpenDataSetTests : SiloTest
{
    private static readonly string Root = RepositoryRoot.Find();
    protected override Dictionary<string, string> Settings => new()
    {
        ["Windows:Sizes:0"] = "01:00:00",
        ["Windows:Sizes:1"] = "1.00:00:00",
        ["Windows:RetainWindows"] = "10000",
        ["Ingress:Http:MaxBodyBytes"] = "4194304",
    };

    [Fact]
    public async Task UciAirQuality_IngestedOverHttp_HourlyWindowsAndRejectionsReconcile()
    {
        var rows = OpenDataSets.UciAirQuality(Root).ToList();
        var rejections = await Post(rows);

        // -200 marks a missing value: outside every default range, so each one is rejected as OutOfRange.
        var missing = rows.SelectMany(r => r.Readings.Values).Count(v => v.Value == -200);
        Assert.Equal(missing, rejections.GetValueOrDefault("OutOfRange"));
        Assert.Equal([("OutOfRange", missing)], rejections.Select(p => (p.Key, p.Value)));
        await AssertWindows("uci-air-1", "co", "1h", rows, r => Hour(r.Time), v => v != -200);
        await AssertWindows("uci-air-1", "humidity", "1d", rows, r => Day(r.Time), v => v != -200);
    }

    [Fact]
    public async Task BeijingMultiSite_IngestedOverHttp_PerStationWindowsReconcile()
    {
        var rows = OpenDataSets.BeijingMultiSite(Root).ToList();
        var rejections = await Post(rows);

        Assert.Empty(rejections);
        foreach (var station in rows.Select(r => r.Source).Distinct())
        {
            var own = rows.Where(r => r.Source == station).ToList();
            await AssertWindows(station, "pm25", "1h", own, r => Hour(r.Time), _ => true);
            await AssertWindows(station, "pm25", "1d", own, r => Day(r.Time), _ => true);
        }
        // CO arrives in ug/m3 and is stored in mg/m3.
        await AssertWindows("beijing-dongsi", "co", "1d", rows, r => Day(r.Time), _ => true, scale: 0.001);
    }

    private async Task<Dictionary<string, int>> Post(List<OpenDataSets.Row> rows)
    {
        var reasons = new Dictionary<string, int>();
        foreach (var batch in rows.Chunk(2000))
        {
            var json = "[" + string.Join(',', batch.Select(r => r.ToSensorJson())) + "]";
            using var response = await Silo.Http.PostAsync("/api/ingest", new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"ingest answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var report = await response.Content.ReadFromJsonAsync<JsonElement>();
            foreach (var r in report.GetProperty("rejections").EnumerateArray())
            {
                var reason = r.GetProperty("reason").GetString()!;
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
        }
        return reasons;
    }

    private async Task AssertWindows(string source, string metric, string size, List<OpenDataSets.Row> rows,
        Func<OpenDataSets.Row, DateTimeOffset> windowOf, Func<double, bool> kept, double scale = 1)
    {
        var expected = rows.Where(r => r.Source == source && r.Readings.TryGetValue(metric, out var v) && kept(v.Value))
            .GroupBy(windowOf)
            .Select(g => (Start: g.Key, Count: g.Count(), Mean: g.Average(r => r.Readings[metric].Value * scale)))
            .OrderBy(w => w.Start).ToList();
        var actual = (await Silo.Http.GetFromJsonAsync<JsonElement>($"/api/entities/source:{source}/windows?metric={metric}&size={size}"))
            .EnumerateArray()
            .Select(w => (Start: w.GetProperty("start").GetDateTimeOffset(), Count: w.GetProperty("count").GetInt32(),
                Mean: w.GetProperty("mean").GetDouble()))
            .ToList();

        Assert.True(expected.Count == actual.Count, $"{source} {metric} {size}: expected {expected.Count} windows, got {actual.Count}");
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.Start, a.Start);
            Assert.True(e.Count == a.Count, $"{source} {metric} {size} window {e.Start:O}: expected count {e.Count}, got {a.Count}");
            Assert.True(Math.Abs(e.Mean - a.Mean) <= 1e-9 * Math.Max(1, Math.Abs(e.Mean)), $"{source} {metric} {size} window {e.Start:O}: expected mean {e.Mean}, got {a.Mean}");
        }
    }

    private static DateTimeOffset Hour(DateTimeOffset t) => new(t.UtcDateTime.Date.AddHours(t.UtcDateTime.Hour), TimeSpan.Zero);

    private static DateTimeOffset Day(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);
}
