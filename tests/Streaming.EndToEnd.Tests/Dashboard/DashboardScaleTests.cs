using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Streaming.EndToEnd.Tests;

/// <summary>10,000 entities streaming while one signed-in client watches the system, one entity and a top list: bounded messages.</summary>
[Trait("Category", "EndToEnd")]
public sealed class DashboardScaleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Entities = 10_000, Batch = 1_000;
    // Two groups pushed every 100 ms at most and the top list at most once a second: 2 × 10 + 1 = 21 messages a second.
    private const int MaxPerSecond = 21, MaxWindows = 200, MaxSources = 40, MaxTop = 10, MaxAlerts = 50;
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(4);
    private DashboardSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DashboardSilo.StartAsync(new Dictionary<string, string>
    {
        ["Alerts:Rules:0:Metric"] = "pm25", ["Alerts:Rules:0:Above"] = "95", ["Alerts:Rules:0:Window"] = "1m",
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Hub_TenThousandEntitiesStreaming_MessagesBoundedInSizeAndRate()
    {
        var cookies = await _silo.SignInAsync(DashboardSilo.Viewer, DashboardSilo.ViewerPassword);
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(_silo.BaseAddress, "/hubs/trends"), o => o.Cookies = cookies).Build();
        var updates = new ConcurrentQueue<(JsonElement Update, int Bytes)>();
        hub.On<JsonElement>("Update", u => updates.Enqueue((u, u.GetRawText().Length)));
        await hub.StartAsync();
        const string watched = "entity:source:scale-42";
        foreach (var group in new[] { "system", watched, "top:sensor/pm25" })
        {
            await hub.InvokeAsync<JsonElement>("JoinGroup", group);
        }

        // Two readings per entity: one in the minute before, one in this minute (which makes each entity emit the minute before).
        var minute = DashboardSilo.RecentMinute();
        var started = DateTimeOffset.UtcNow;
        foreach (var at in new[] { minute.AddMinutes(-1), minute })
        {
            for (var from = 0; from < Entities; from += Batch)
            {
                var events = Enumerable.Range(from, Batch).Select(i => FormattableString.Invariant(
                    $$"""{"source":"scale-{{i}}","time":"{{at.AddSeconds(i % 50).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}","readings":{"pm25":{{i % 100}}} }"""));
                using var response = await _silo.Silo.Http.PostAsync("/api/ingest", new StringContent($"[{string.Join(',', events)}]", Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }
        }
        output.WriteLine($"Sent {2 * Entities} events for {Entities} entities in {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s");

        await Eventually.AssertAsync(() => Task.FromResult(updates.Any(u => u.Update.TryGetProperty("sources", out var s) && s.ValueKind == JsonValueKind.Object
            && s.GetProperty("active").GetInt32() + s.GetProperty("silent").GetInt32() == Entities)), Wait, $"a sources panel counting all {Entities} sources");
        await Eventually.AssertAsync(() => Task.FromResult(updates.Any(u => Top(u.Update) is { } t && t.GetProperty("ranked").GetInt32() == Entities)),
            Wait, $"a top list ranking all {Entities} entities");
        await Eventually.AssertAsync(() => Task.FromResult(updates.Any(u => u.Update.GetProperty("group").GetString() == watched
            && u.Update.GetProperty("windows").GetArrayLength() > 0)), Wait, $"an update for {watched} with its window");

        var received = updates.ToList();
        var top = received.Select(u => Top(u.Update)).Last(t => t is not null)!.Value;
        Assert.Equal(99, top.GetProperty("entities")[0].GetProperty("mean").GetDouble());
        foreach (var (u, _) in received)
        {
            Assert.InRange(u.GetProperty("windows").GetArrayLength(), 0, MaxWindows);
            Assert.InRange(Count(u, "sources", "sources"), 0, MaxSources);
            Assert.InRange(Top(u) is { } t ? t.GetProperty("entities").GetArrayLength() : 0, 0, MaxTop);
            Assert.InRange(Count(u, "alerts"), 0, MaxAlerts);
        }
        var sent = received.Select(u => u.Update.GetProperty("at").GetDateTimeOffset()).Order().ToList();
        // Per one-second span of the server's send times (a half-open second; one more for timer jitter at its edges).
        var busiest = sent.Select((t, i) => sent.Skip(i).TakeWhile(s => s - t < TimeSpan.FromSeconds(1)).Count()).Max();
        var span = (sent[^1] - sent[0]).TotalSeconds;
        output.WriteLine($"{received.Count} messages over {span:0.0} s ({received.Count / Math.Max(span, 1):0.0}/s, busiest second {busiest}); " +
            $"bytes: mean {received.Average(u => u.Bytes):0}, max {received.Max(u => u.Bytes)}; " +
            $"by group: {string.Join(", ", received.GroupBy(u => u.Update.GetProperty("group").GetString()).Select(g => $"{g.Key} {g.Count()} (max {g.Max(u => u.Bytes)} B)"))}");
        Assert.True(received.Count <= 3 + MaxPerSecond * span, $"{received.Count} messages over {span:0.0} s");
        Assert.InRange(busiest, 1, MaxPerSecond + 1);
        Assert.All(received, u => Assert.InRange(u.Bytes, 1, 64 * 1024));
    }

    private static JsonElement? Top(JsonElement update) =>
        update.TryGetProperty("top", out var t) && t.ValueKind == JsonValueKind.Object ? t : null;

    private static int Count(JsonElement update, string property, string? inner = null) =>
        update.TryGetProperty(property, out var p) && p.ValueKind != JsonValueKind.Null
            ? (inner is null ? p : p.GetProperty(inner)).GetArrayLength() : 0;
}
