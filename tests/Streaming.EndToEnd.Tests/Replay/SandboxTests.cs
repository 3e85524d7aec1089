using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// Sandbox runs against the real silo and its archive of the UCI air quality data: with the silo's own settings the diff
/// against live is empty; with a tighter NO2 range it names exactly the windows holding the readings now refused; live
/// state never changes; a run shows progress and can be cancelled.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(ReplayCollection.Name)]
public sealed class SandboxTests(ReplaySilo fixture)
{
    private static readonly string[] Owners = ["source:uci-air-1", "area:unassigned", "system"];

    private readonly SandboxApi _api = new(fixture.Silo.Http);

    [Fact]
    public async Task Sandbox_NoOverrides_DiffReportsNoChangedWindows()
    {
        await _api.LiveSettledAsync();
        var name = Name("same");
        await _api.RunAsync(name);

        var diff = await _api.DiffAsync(name);

        var summary = diff.GetProperty("summary");
        Assert.True(summary.GetProperty("compared").GetInt32() > 400, $"too few windows compared: {summary}");
        Assert.True(SandboxApi.Listed(diff).Count == 0, $"expected no differences, got {diff}");
        Assert.Equal(summary.GetProperty("compared").GetInt32(), summary.GetProperty("unchanged").GetInt32());
        Assert.True(diff.GetProperty("rollupsCompared").GetBoolean());
        // Entity windows read through the API are the live ones bit for bit (the JSON is the same text).
        foreach (var metric in new[] { "co", "no2", "temperature", "humidity" })
        {
            Assert.Equal(SandboxApi.Values(await _api.WindowsAsync(Owners[0], metric, "1h")),
                SandboxApi.Values(await _api.WindowsAsync(Owners[0], metric, "1h", name)));
        }
    }

    [Fact]
    public async Task Sandbox_TighterNo2Max_DiffNamesExactlyTheWindowsWithReadingsOverIt()
    {
        const double Max = 150;
        await _api.LiveSettledAsync();
        var name = Name("no2");
        await _api.RunAsync(name, new() { ["Cleaning:Limits:no2:Max"] = Max });

        var diff = await _api.DiffAsync(name);

        // Computed from the input alone: the readings in range over the new Max (not -200, which is refused anyway).
        var refused = fixture.Sent.Where(r => r.Time >= ReplaySilo.From && r.Time < ReplaySilo.To)
            .Where(r => r.Readings["no2"].Value is > Max and not -200).Select(r => r.Time.ToUniversalTime()).ToList();
        Assert.NotEmpty(refused);
        var expected = Owners.SelectMany(owner => refused.SelectMany(t => new[]
        {
            (owner, "no2", "1h", new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero)),
            (owner, "no2", "1d", new DateTimeOffset(t.Year, t.Month, t.Day, 0, 0, 0, TimeSpan.Zero)),
        })).Distinct().Order().ToList();
        Assert.True(expected.SequenceEqual(SandboxApi.Listed(diff)), $"expected exactly {string.Join(", ", expected)}; the diff: {diff}");
        // A day window lost readings (changed: count and more); an hour held one reading, so only live has it now.
        Assert.All(diff.GetProperty("changed").EnumerateArray(), w => Assert.Equal("1d", w.GetProperty("size").GetString()));
        Assert.All(diff.GetProperty("onlyInLive").EnumerateArray(), w => Assert.Equal("1h", w.GetProperty("size").GetString()));
        var day = diff.GetProperty("changed").EnumerateArray().First().GetProperty("fields")[0];
        Assert.Equal("count", day.GetProperty("field").GetString());
        Assert.True(day.GetProperty("live").GetDouble() > day.GetProperty("sandbox").GetDouble(), $"expected fewer readings: {day}");
    }

    [Fact]
    public async Task Sandbox_Completed_EveryWindowOnItsOwnTopicOnly()
    {
        var name = Name("kafka");
        await _api.RunAsync(name);
        var windows = (await fixture.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/replay/sandbox/{name}")).GetProperty("windows").GetInt64();
        var kafka = (await fixture.Silo.Http.GetFromJsonAsync<JsonElement>("/api/info")).GetProperty("kafka");
        var servers = kafka.GetProperty("bootstrapServers").GetString()!;

        IReadOnlyList<KafkaRecord> records = [];
        await Eventually.AssertAsync(async () => (records = await Kcat.ConsumeAllAsync(servers, $"streaming.sandbox.{name}.aggregates.v1")).Count >= windows,
            TimeSpan.FromSeconds(30), $"{windows} windows on streaming.sandbox.{name}.aggregates.v1");
        Assert.Equal(windows, records.Count);
        Assert.Equal(["area:unassigned", "source:uci-air-1", "system"], records.Select(r => r.Key!).Distinct().Order());
        Assert.All(records, r => Assert.True(r.Value.GetProperty("final").GetBoolean()));
    }

    [Fact]
    public async Task Sandbox_RunWithOverride_LiveWindowsUnchanged()
    {
        await _api.LiveSettledAsync();
        var before = await _api.LiveWindowsAsync(Owners);
        var name = Name("live");
        await _api.RunAsync(name, new() { ["Cleaning:Limits:no2:Max"] = 100, ["Cleaning:Limits:co:Max"] = "2" });

        Assert.Equal(before, await _api.LiveWindowsAsync(Owners));
        Assert.NotEqual(before[1], await _api.WindowsAsync(Owners[0], "no2", "1h", name));
    }

    [Fact]
    public async Task SandboxRun_Paced_ShowsProgressAndCancelsLeavingNoWindows()
    {
        var name = Name("cancel");
        var id = (await _api.StartAsync(name, maxEventsPerSecond: 8)).GetProperty("id").GetString()!;

        var run = default(JsonElement);
        await Eventually.AssertAsync(async () => (run = await _api.RunStateAsync(id)).GetProperty("events").GetInt64() > 0,
            TimeSpan.FromSeconds(20), $"run {id} to report events done");
        Assert.Equal("running", run.GetProperty("state").GetString());
        Assert.True(run.GetProperty("eventsPerSecond").GetDouble() is > 0 and < 20, $"rate: {run}");
        Assert.True(run.GetProperty("secondsLeft").GetDouble() > 0, $"time left: {run}");
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Silo.Http.DeleteAsync($"/api/replay/runs/{id}")).StatusCode);

        Assert.Equal("cancelled", (await _api.EndedAsync(id)).GetProperty("state").GetString());
        Assert.Equal("[]", await _api.WindowsAsync(Owners[0], "no2", "1h", name));
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Silo.Http.GetAsync($"/api/replay/sandbox/{name}/diff")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Silo.Http.GetAsync("/api/replay/runs/no-such-run")).StatusCode);
    }

    [Fact]
    public async Task Sandbox_BadRequestOrUnknownName_AnswersWithTheReason()
    {
        using var bad = await fixture.Silo.Http.PostAsJsonAsync("/api/replay/sandbox", new
        {
            name = "x", from = ReplaySilo.From, to = ReplaySilo.To, settings = new Dictionary<string, string> { ["Windows:Sizes:0"] = "00:30:00" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("cannot be overridden", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Silo.Http.GetAsync(
            "/api/entities/source:uci-air-1/windows?metric=no2&size=1h&sandbox=never-run")).StatusCode);
    }

    private static string Name(string purpose) => $"{purpose}-{Guid.NewGuid():N}"[..20];
}
