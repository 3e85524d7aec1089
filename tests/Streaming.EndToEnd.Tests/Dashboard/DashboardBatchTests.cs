using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Streaming.EndToEnd.Tests;

/// <summary>Many windows changing at once: each message stays within the batch limit and the push rate.</summary>
[Trait("Category", "EndToEnd")]
public sealed class DashboardBatchTests : IAsyncLifetime
{
    private const int Limit = 4;
    private DashboardSilo _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await DashboardSilo.StartAsync(new Dictionary<string, string> { ["Dashboard:MaxWindowsPerMessage"] = Limit.ToString(CultureInfo.InvariantCulture) });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Hub_ManyWindowsChanged_MessagesStayWithinLimitAndRate()
    {
        var cookies = await _silo.SignInAsync(DashboardSilo.Operator, DashboardSilo.OperatorPassword);
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(_silo.BaseAddress, "/hubs/trends"), o => o.Cookies = cookies).Build();
        var updates = new ConcurrentQueue<(TimeSpan At, JsonElement Update)>();
        var clock = Stopwatch.StartNew();
        hub.On<JsonElement>("Update", u => updates.Enqueue((clock.Elapsed, u)));
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("JoinGroup", "system");

        // 200 sensors, 6 metrics, readings over 3 minutes: dozens of system windows change within one push interval.
        var minute = DashboardSilo.RecentMinute().AddMinutes(-2);
        var events = Enumerable.Range(0, 200).SelectMany(s => Enumerable.Range(0, 3).Select(m => FormattableString.Invariant(
            $$"""{"source":"bulk-{{s}}","time":"{{minute.AddMinutes(m).AddSeconds(s % 50).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}","readings":{"pm25":{{s % 40}},"pm10":{{s % 50}},"no2":{{s % 60}},"o3":{{s % 30}},"temperature":{{s % 20}},"humidity":{{s % 90}}} }""")));
        using var response = await _silo.Silo.Http.PostAsync("/api/ingest", new StringContent($"[{string.Join(',', events)}]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        await Eventually.AssertAsync(() => Task.FromResult(updates.Any(u => u.Update.GetProperty("omitted").GetInt32() > 0)),
            TimeSpan.FromSeconds(30), $"a system update that left windows out because more than {Limit} changed");
        await Eventually.AssertAsync(() => Task.FromResult(updates.Any(u => Total(u.Update, "sensor") == 600)),
            TimeSpan.FromSeconds(30), "the system update counting all 600 sensor events");
        var received = updates.ToList();
        Assert.All(received, u => Assert.InRange(u.Update.GetProperty("windows").GetArrayLength(), 0, Limit));
        // The rate is judged by the server's send times: the client may receive several at once after a pause of its own.
        var sent = received.Select(u => u.Update.GetProperty("at").GetDateTimeOffset()).Order().ToList();
        var span = sent[^1] - sent[0];
        Assert.True(received.Count <= 2 + (int)(span.TotalMilliseconds / 80), $"{received.Count} messages sent over {span.TotalMilliseconds:0} ms");
    }

    private static long Total(JsonElement update, string kind) => update.GetProperty("kinds").EnumerateArray()
        .Where(k => k.GetProperty("kind").GetString() == kind).Select(k => k.GetProperty("total").GetInt64()).FirstOrDefault();
}
