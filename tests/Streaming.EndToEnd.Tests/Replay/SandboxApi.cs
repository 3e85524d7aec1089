using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>The sandbox endpoints as the replay tests call them: start a run, follow it, read a diff or windows.</summary>
internal sealed class SandboxApi(HttpClient http)
{
    /// <summary>Starts a sandbox run over the fixture's two days of sensor events; returns the run (202 expected).</summary>
    public async Task<JsonElement> StartAsync(string name, Dictionary<string, object>? settings = null, double? maxEventsPerSecond = null)
    {
        using var response = await http.PostAsJsonAsync("/api/replay/sandbox", new
        {
            name, from = ReplaySilo.From, to = ReplaySilo.To, kinds = new[] { "sensor" }, settings, maxEventsPerSecond,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/replay/sandbox answered {response.StatusCode}: {body}");
        Assert.Equal($"/api/replay/runs/{JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Runs a sandbox to its end and checks it completed.</summary>
    public async Task RunAsync(string name, Dictionary<string, object>? settings = null)
    {
        var id = (await StartAsync(name, settings)).GetProperty("id").GetString()!;
        var run = await EndedAsync(id);
        Assert.True(run.GetProperty("state").GetString() == "completed", $"sandbox {name} run {id} ended as {run}");
    }

    /// <summary>The run once it is no longer running.</summary>
    public async Task<JsonElement> EndedAsync(string id)
    {
        var run = default(JsonElement);
        await Eventually.AssertAsync(async () => (run = await RunStateAsync(id)).GetProperty("state").GetString() != "running",
            TimeSpan.FromSeconds(60), $"replay run {id} to end");
        return run;
    }

    public async Task<JsonElement> RunStateAsync(string id) => await http.GetFromJsonAsync<JsonElement>($"/api/replay/runs/{id}");

    public async Task<JsonElement> DiffAsync(string name) => await http.GetFromJsonAsync<JsonElement>($"/api/replay/sandbox/{name}/diff?limit=100000");

    /// <summary>An owner's windows of one metric and size over the range, as the read API answers (live when sandbox is null).</summary>
    public async Task<string> WindowsAsync(string owner, string metric, string size, string? sandbox = null)
    {
        var range = $"metric={metric}&size={size}&from={Iso(ReplaySilo.From)}&to={Iso(ReplaySilo.To)}{(sandbox is null ? "" : "&sandbox=" + sandbox)}";
        var path = owner == "system" ? $"/api/trends/windows?{range}" : owner.StartsWith("area:", StringComparison.Ordinal)
            ? $"/api/trends/windows?area={owner[5..]}&{range}" : $"/api/entities/{owner}/windows?{range}";
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {response.StatusCode}: {body}");
        return body;
    }

    /// <summary>
    /// Waits until the live roll-ups hold what the entity applied: areas forward to <c>system</c> on a timer, so right after
    /// the fixture's ingest the system can still be behind (one source: every roll-up window counts what the entity's does).
    /// </summary>
    public async Task LiveSettledAsync()
    {
        var metrics = new[] { "co", "no2", "temperature", "humidity" };
        var entity = await Task.WhenAll(metrics.Select(m => CountsAsync("source:uci-air-1", m)));
        await Eventually.AssertAsync(async () => (await Task.WhenAll(metrics.Select(m => CountsAsync("system", m)))).SequenceEqual(entity),
            TimeSpan.FromSeconds(30), "the system roll-up's 1d windows to count what the entity's do");
    }

    private async Task<string> CountsAsync(string owner, string metric) => string.Join(',',
        JsonDocument.Parse(await WindowsAsync(owner, metric, "1d")).RootElement.EnumerateArray().Select(w => w.GetProperty("count").GetInt64()));

    /// <summary>Live windows of some metrics and sizes of each owner, as JSON text, to compare before and after a run.</summary>
    public async Task<List<string>> LiveWindowsAsync(IEnumerable<string> owners) =>
        [.. await Task.WhenAll(owners.SelectMany(o => new[] { ("co", "1h"), ("no2", "1h"), ("no2", "1d") }.Select(m => WindowsAsync(o, m.Item1, m.Item2))))];

    /// <summary>Every window's values without revision and final, which a sandbox run (complete, so final) may set differently.</summary>
    public static string Values(string windows) => string.Join('\n', JsonDocument.Parse(windows).RootElement.EnumerateArray()
        .Select(w => string.Join(',', w.EnumerateObject().Where(p => p.Name is not ("revision" or "final")).Select(p => p.Value.GetRawText()))));

    /// <summary>Every window a diff lists (changed, only in sandbox, only in live) as (owner, metric, size, start).</summary>
    public static List<(string Owner, string Metric, string Size, DateTimeOffset Start)> Listed(JsonElement diff) =>
        [.. new[] { "changed", "onlyInSandbox", "onlyInLive" }.SelectMany(list => diff.GetProperty(list).EnumerateArray())
            .Select(w => (w.GetProperty("owner").GetString()!, w.GetProperty("metric").GetString()!, w.GetProperty("size").GetString()!,
                w.GetProperty("start").GetDateTimeOffset()))
            .Order()];

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O", CultureInfo.InvariantCulture));
}
