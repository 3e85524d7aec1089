using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Streaming.Harness;

/// <summary>
/// A dashboard page's view of latency: signs in as a user the harness configures, joins the hub's <c>system</c> group and
/// keeps every push's ingest-to-screen latency for one kind (<c>TrendUpdate.latency</c>: the silo's median, 99th and 99.9th
/// percentile over the trailing 10 s, from each event's receive time to the push). The harness only reads the hub.
/// </summary>
internal sealed class DashboardLatencyWatcher : IAsyncDisposable
{
    /// <summary>How far back each push's figures look (the dashboard's <c>IngestLatency.Span</c>).</summary>
    public static readonly TimeSpan Span = TimeSpan.FromSeconds(10);

    private const string User = "bench";
    private readonly HubConnection _hub;
    private readonly string _kind;
    private readonly ConcurrentQueue<Sample> _samples = new();

    private DashboardLatencyWatcher(HubConnection hub, string kind)
    {
        _hub = hub;
        _kind = kind;
    }

    /// <summary>One push: when it arrived (<see cref="Stopwatch.GetTimestamp"/>) and the kind's figures in it.</summary>
    public readonly record struct Sample(long At, double P50Ms, double P99Ms, double P999Ms, long Events);

    /// <summary>The median of the pushes' p50s and the largest of their p99s and p99.9s, over <see cref="Pushes"/> pushes.</summary>
    public readonly record struct Summary(double P50Ms, double P99Ms, double P999Ms, int Pushes);

    /// <summary>The silo settings that create the harness's dashboard user, with a password made for this run.</summary>
    public static (Dictionary<string, string> Settings, string Password) NewUser()
    {
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        // The documented hash format (pbkdf2-sha256$iterations$salt$hash), as the silo's SecretHasher writes it.
        var salt = RandomNumberGenerator.GetBytes(16);
        const int iterations = 10_000;
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Dashboard:Users:0:Name"] = User,
            ["Dashboard:Users:0:PasswordHash"] = string.Create(CultureInfo.InvariantCulture,
                $"pbkdf2-sha256${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}"),
            ["Dashboard:Users:0:Role"] = "viewer",
        };
        return (settings, password);
    }

    /// <summary>Signs in through <c>POST /account/login</c>, connects to <c>/hubs/trends</c> and joins <c>system</c>.</summary>
    public static async Task<DashboardLatencyWatcher> StartAsync(Uri silo, string password, string kind)
    {
        var cookies = new CookieContainer();
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = silo })
        using (var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = User, ["password"] = password }))
        using (var response = await http.PostAsync(new Uri("/account/login", UriKind.Relative), form))
        {
            // Success and failure both redirect; only success sets the sign-in cookie and sends the user to "/".
            if (response.Headers.Location?.OriginalString != "/" || cookies.GetCookies(silo).Count == 0)
            {
                throw new InvalidOperationException($"Dashboard sign-in as '{User}' failed: {(int)response.StatusCode} to {response.Headers.Location}");
            }
        }
        var hub = new HubConnectionBuilder().WithUrl(new Uri(silo, "/hubs/trends"), o => o.Cookies = cookies).Build();
        var watcher = new DashboardLatencyWatcher(hub, kind);
        hub.On<JsonElement>("Update", watcher.OnUpdate);
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("JoinGroup", "system");
        return watcher;
    }

    /// <summary>Pushes received so far.</summary>
    public int Count => _samples.Count;

    /// <summary>
    /// The pushes between <paramref name="from"/> and <paramref name="to"/> (timestamps) that carry the kind; null when none.
    /// </summary>
    public Summary? Summarize(long from, long to)
    {
        var chosen = _samples.Where(s => s.At >= from && s.At <= to).ToList();
        if (chosen.Count == 0)
        {
            return null;
        }
        var p50s = chosen.Select(s => s.P50Ms).Order().ToList();
        var median = p50s.Count % 2 == 1 ? p50s[p50s.Count / 2] : (p50s[p50s.Count / 2 - 1] + p50s[p50s.Count / 2]) / 2;
        return new Summary(median, chosen.Max(s => s.P99Ms), chosen.Max(s => s.P999Ms), chosen.Count);
    }

    private void OnUpdate(JsonElement update)
    {
        var at = Stopwatch.GetTimestamp();
        if (!update.TryGetProperty("latency", out var latency) || latency.ValueKind != JsonValueKind.Array)
        {
            return;
        }
        foreach (var entry in latency.EnumerateArray())
        {
            if (entry.TryGetProperty("kind", out var kind) && kind.GetString() == _kind)
            {
                _samples.Enqueue(new Sample(at, entry.GetProperty("p50Ms").GetDouble(), entry.GetProperty("p99Ms").GetDouble(),
                    entry.GetProperty("p999Ms").GetDouble(),
                    entry.TryGetProperty("events", out var events) ? events.GetInt64() : 0));
            }
        }
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
