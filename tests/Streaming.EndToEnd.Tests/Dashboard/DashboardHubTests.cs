using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Streaming.EndToEnd.Tests;

/// <summary>The hub, through the .NET SignalR client: who may connect, and what a group member receives.</summary>
[Trait("Category", "EndToEnd")]
public sealed class DashboardHubTests : IAsyncLifetime
{
    private DashboardSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DashboardSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Hub_Unauthenticated_Refused()
    {
        await using var hub = Connect(cookies: null, origin: null);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Hub_SignedInFromForeignOrigin_Refused()
    {
        var cookies = await _silo.SignInAsync(DashboardSilo.Viewer, DashboardSilo.ViewerPassword);
        await using var foreign = Connect(cookies, origin: "http://evil.example");
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => foreign.StartAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // The same user from the silo's own origin is let in.
        await using var own = Connect(cookies, origin: _silo.BaseAddress.GetLeftPart(UriPartial.Authority));
        await own.StartAsync();
        Assert.Equal(HubConnectionState.Connected, own.State);
    }

    [Fact]
    public async Task Hub_ViewerInOneArea_ReceivesBatchedUpdatesForThatAreaOnly()
    {
        var taunton = await _silo.LinkAsync("aq-dash-taunton", "ods:L85001");
        var wells = await _silo.LinkAsync("aq-dash-wells", "ods:L85002");
        Assert.NotEqual(taunton, wells);
        var cookies = await _silo.SignInAsync(DashboardSilo.Viewer, DashboardSilo.ViewerPassword);
        await using var hub = Connect(cookies, origin: null);
        var updates = new ConcurrentQueue<(TimeSpan At, JsonElement Update)>();
        var clock = Stopwatch.StartNew();
        hub.On<JsonElement>("Update", u => updates.Enqueue((clock.Elapsed, u)));
        await hub.StartAsync();
        var snapshot = await hub.InvokeAsync<JsonElement>("JoinGroup", $"area:{taunton}");
        Assert.Equal($"area:{taunton}", snapshot.GetProperty("group").GetString());

        var minute = DashboardSilo.RecentMinute();
        for (var i = 0; i < 5; i++)
        {
            await _silo.PostPm25Async("aq-dash-taunton", minute.AddSeconds(2 * i), 10 + i, 20 + i);
            await _silo.PostPm25Async("aq-dash-wells", minute.AddSeconds(i), 30 + i);
        }

        await Eventually.AssertAsync(() => Task.FromResult(updates.Any(u => Windows(u.Update).Any(w =>
                w.GetProperty("metric").GetString() == "pm25" && w.GetProperty("count").GetInt64() == 10))),
            TimeSpan.FromSeconds(20), $"an update for area:{taunton} with its 1-minute pm25 window at 10 readings");
        var received = updates.ToList();
        Assert.All(received, u => Assert.Equal($"area:{taunton}", u.Update.GetProperty("group").GetString()));
        Assert.All(received.SelectMany(u => Windows(u.Update)), w => Assert.Equal($"area:{taunton}", w.GetProperty("owner").GetString()));
        // Batched: the ten posts' changes never arrive faster than one message per push interval (100 ms), give or take
        // timer jitter, judged by the server's send times (the client may receive several at once after a pause).
        var sent = received.Select(u => u.Update.GetProperty("at").GetDateTimeOffset()).Order().ToList();
        var span = sent[^1] - sent[0];
        Assert.True(received.Count <= 2 + (int)(span.TotalMilliseconds / 80), $"{received.Count} messages sent over {span.TotalMilliseconds:0} ms");
        Assert.DoesNotContain(received, u => u.Update.GetProperty("kinds").ValueKind != JsonValueKind.Null);
    }

    private static JsonElement.ArrayEnumerator Windows(JsonElement update) => update.GetProperty("windows").EnumerateArray();

    private HubConnection Connect(CookieContainer? cookies, string? origin) => new HubConnectionBuilder()
        .WithUrl(new Uri(_silo.BaseAddress, "/hubs/trends"), o =>
        {
            if (cookies is not null)
            {
                o.Cookies = cookies;
            }
            if (origin is not null)
            {
                o.Headers["Origin"] = origin;
            }
        })
        .Build();
}
