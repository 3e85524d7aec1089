using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Streaming.EndToEnd.Tests;

/// <summary>A signed-in hub connection that keeps every update (and each joined group's snapshot) it receives.</summary>
internal sealed class DashboardWatcher : IAsyncDisposable
{
    private DashboardWatcher(HubConnection hub) => Hub = hub;

    public HubConnection Hub { get; }

    public ConcurrentQueue<JsonElement> Updates { get; } = new();

    /// <summary>Signs <paramref name="user"/> in to <paramref name="dashboard"/> and joins <paramref name="groups"/>.</summary>
    public static async Task<DashboardWatcher> StartAsync(DashboardSilo dashboard, string user, string password, params string[] groups)
    {
        var cookies = await dashboard.SignInAsync(user, password);
        var watcher = new DashboardWatcher(new HubConnectionBuilder().WithUrl(new Uri(dashboard.BaseAddress, "/hubs/trends"), o => o.Cookies = cookies).Build());
        watcher.Hub.On<JsonElement>("Update", watcher.Updates.Enqueue);
        await watcher.Hub.StartAsync();
        foreach (var group in groups)
        {
            watcher.Updates.Enqueue(await watcher.Hub.InvokeAsync<JsonElement>("JoinGroup", group));
        }
        return watcher;
    }

    /// <summary>The arrays named <paramref name="property"/> of the updates of <paramref name="group"/>, flattened.</summary>
    public IEnumerable<JsonElement> Items(string group, string property) => Updates.ToList()
        .Where(u => u.GetProperty("group").GetString() == group && u.TryGetProperty(property, out var a) && a.ValueKind == JsonValueKind.Array)
        .SelectMany(u => u.GetProperty(property).EnumerateArray());

    /// <summary>The sources listed in the <c>system</c> group's sources panels so far.</summary>
    public IEnumerable<string> Sources() => Updates.ToList()
        .Where(u => u.TryGetProperty("sources", out var p) && p.ValueKind == JsonValueKind.Object)
        .SelectMany(u => u.GetProperty("sources").GetProperty("sources").EnumerateArray()).Select(s => s.GetProperty("source").GetString()!);

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
