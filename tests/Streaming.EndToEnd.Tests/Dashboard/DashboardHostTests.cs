using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// The dashboard hosted apart from the silos (dashboard/Streaming.Dashboard.Host, an Orleans client of the embedded silo's
/// gateway): it shows what the silo's grains produce, answers the page's reads through grain calls, and shares alerts,
/// their acknowledgements and dead-letter resubmits with the silo's own dashboard.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DashboardHostTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private DashboardSilo _silo = null!;
    private DashboardSilo _host = null!;

    public async Task InitializeAsync()
    {
        var gateway = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _silo = await DashboardSilo.StartAsync(new Dictionary<string, string>
        {
            ["Orleans:GatewayPort"] = gateway,
            ["Alerts:Rules:0:Metric"] = "pm25", ["Alerts:Rules:0:Above"] = "35", ["Alerts:Rules:0:Window"] = "1m",
        });
        try
        {
            _host = await DashboardSilo.StartHostAsync(new Dictionary<string, string> { ["Orleans:GatewayPort"] = gateway });
        }
        catch
        {
            // xUnit calls DisposeAsync only after InitializeAsync succeeds: the silo must not outlive a host that never started.
            await _silo.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) // null when InitializeAsync failed before the host started
        {
            await _host.DisposeAsync();
        }
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task SeparateHost_SignedInViewer_SeesSourcesEntityWindowsAndReads()
    {
        await using var viewer = await DashboardWatcher.StartAsync(_host, DashboardSilo.Viewer, DashboardSilo.ViewerPassword,
            "system", "entity:source:aq-host-1");

        var minute = DashboardSilo.RecentMinute();
        await _silo.PostPm25Async("aq-host-1", minute.AddMinutes(-1), 10, 20);
        await Eventually.AssertAsync(() => Task.FromResult(viewer.Sources().Contains("aq-host-1")), Wait, "aq-host-1 in the host's sources panel");
        // The silo learns which entities the host's pages watch through the feed grain, a digest or two behind the page (a
        // full test run's load made that longer than two posts take): the window the next reading emits travels only once
        // the silo knows, so a few more pushes go by first.
        var pushed = viewer.Updates.Count;
        await Eventually.AssertAsync(() => Task.FromResult(viewer.Updates.Count >= pushed + 3), Wait, "three more pushes from the host");
        await _silo.PostPm25Async("aq-host-1", minute, 30);

        await Eventually.AssertAsync(() => Task.FromResult(viewer.Items("system", "kinds")
            .Any(k => k.GetProperty("kind").GetString() == "sensor" && k.GetProperty("total").GetInt64() == 3)), Wait, "3 sensor events counted on the host");
        // The entity's window travels only because a page on the host watches it (the feed grain tells the silo).
        await Eventually.AssertAsync(() => Task.FromResult(viewer.Items("entity:source:aq-host-1", "windows")
            .Any(w => w.GetProperty("metric").GetString() == "pm25" && w.GetProperty("count").GetInt64() == 2)), Wait,
            "the entity's minute before (2 readings) pushed by the host");

        using var http = _host.Client(await _host.SignInAsync(DashboardSilo.Viewer, DashboardSilo.ViewerPassword));
        var history = await http.GetFromJsonAsync<JsonElement>("/dashboard/windows?group=entity:source:aq-host-1&metric=pm25&size=1m");
        Assert.Contains(history.EnumerateArray(), w => w.GetProperty("count").GetInt64() == 2 && w.GetProperty("mean").GetDouble() == 15);
        var readings = await http.GetFromJsonAsync<JsonElement>("/dashboard/entities/source:aq-host-1");
        Assert.Equal(30, readings.GetProperty("current").GetProperty("pm25").GetProperty("value").GetDouble());
        using var anonymous = await _host.Silo.Http.GetAsync("/dashboard/entities/source:aq-host-1");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task SeparateHost_Operator_AcknowledgesForEveryDashboardAndResubmitsOnTheSilo()
    {
        await using var onSilo = await DashboardWatcher.StartAsync(_silo, DashboardSilo.Viewer, DashboardSilo.ViewerPassword, "system");
        await using var onHost = await DashboardWatcher.StartAsync(_host, DashboardSilo.Operator, DashboardSilo.OperatorPassword, "system");

        // The minute before averages 45, above the rule's 35: one alert, on both dashboards.
        var minute = DashboardSilo.RecentMinute();
        await _silo.PostPm25Async("aq-host-hot", minute.AddMinutes(-1), 40, 50);
        await _silo.PostPm25Async("aq-host-hot", minute, 12);
        string? id = null;
        await Eventually.AssertAsync(() => Task.FromResult((id = onHost.Items("system", "alerts")
            .FirstOrDefault(a => a.GetProperty("entity").GetString() == "source:aq-host-hot").GetPropertyOrNull("id")) is not null), Wait,
            "the alert on the separately hosted dashboard");

        // Acknowledged on the host: the silo's page sees who did.
        var acknowledged = await onHost.Hub.InvokeAsync<JsonElement>("AcknowledgeAlert", id);
        Assert.Equal(DashboardSilo.Operator, acknowledged.GetProperty("acknowledgedBy").GetString());
        await Eventually.AssertAsync(() => Task.FromResult(onSilo.Items("system", "alerts").Any(a => a.GetProperty("id").GetString() == id
            && a.GetPropertyOrNull("acknowledgedBy") == DashboardSilo.Operator)), Wait, $"alert {id} acknowledged on the silo's dashboard");

        // A refused reading is listed on the host and resubmitted from it, corrected, on the silo that holds it.
        await _silo.PostPm25Async("aq-host-refused", minute, -5);
        string? letter = null;
        await Eventually.AssertAsync(() => Task.FromResult((letter = onHost.Items("system", "recentDeadLetters")
            .FirstOrDefault(d => d.GetPropertyOrNull("source") == "aq-host-refused").GetPropertyOrNull("id")) is not null), Wait,
            "the refused reading among the host's newest dead letters");
        using var op = _host.Client(await _host.SignInAsync(DashboardSilo.Operator, DashboardSilo.OperatorPassword));
        var corrected = FormattableString.Invariant($$"""{"source":"aq-host-refused","time":"{{minute.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}","readings":{"pm25":5} }""");
        using var accepted = await op.PostAsync($"/dashboard/deadletters/{letter}/resubmit", new StringContent(corrected, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(1, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        using var again = await op.PostAsync($"/dashboard/deadletters/{letter}/resubmit", new StringContent(corrected, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }
}

internal static class JsonElementExtensions
{
    /// <summary>A string property's value, or null when the element is not an object or has no such string property.</summary>
    public static string? GetPropertyOrNull(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
