using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Streaming.EndToEnd.Tests;

/// <summary>Alerts from configured rules (shown live, on the alerts topic, acknowledged by operators only) and the page's resubmit action.</summary>
[Trait("Category", "EndToEnd")]
public sealed class DashboardAlertTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private DashboardSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DashboardSilo.StartAsync(new Dictionary<string, string>
    {
        ["Alerts:Rules:0:Metric"] = "pm25", ["Alerts:Rules:0:Above"] = "35", ["Alerts:Rules:0:Window"] = "1m",
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Alert_EntityWindowAboveThreshold_FiresOnceShownPublishedAndOnlyOperatorAcknowledges()
    {
        await using var viewer = await DashboardWatcher.StartAsync(_silo, DashboardSilo.Viewer, DashboardSilo.ViewerPassword, "system");
        await using var op = await DashboardWatcher.StartAsync(_silo, DashboardSilo.Operator, DashboardSilo.OperatorPassword, "system");

        // The minute before has a mean of 45; a reading in this minute moves event time past it, so the entity emits it.
        var minute = DashboardSilo.RecentMinute();
        await _silo.PostPm25Async("aq-alert", minute.AddMinutes(-1), 40, 50);
        await _silo.PostPm25Async("aq-alert", minute, 12);
        await _silo.PostPm25Async("aq-calm", minute.AddMinutes(-1), 20, 30);
        await _silo.PostPm25Async("aq-calm", minute, 12);

        JsonElement alert = default;
        await Eventually.AssertAsync(() => Task.FromResult(viewer.Items("system", "alerts").Any(a => (alert = a).GetProperty("entity").GetString() == "source:aq-alert")),
            Wait, "an alert for source:aq-alert in a system update");
        Assert.Equal(("above", 45.0, 35.0, false), (alert.GetProperty("direction").GetString(), alert.GetProperty("mean").GetDouble(),
            alert.GetProperty("threshold").GetDouble(), alert.GetProperty("final").GetBoolean()));
        Assert.DoesNotContain(viewer.Items("system", "alerts"), a => a.GetProperty("entity").GetString() == "source:aq-calm");
        var id = alert.GetProperty("id").GetString()!;

        // A viewer may not acknowledge; an operator may, and every page then sees who did.
        var refused = await Assert.ThrowsAsync<HubException>(() => viewer.Hub.InvokeAsync<JsonElement>("AcknowledgeAlert", id));
        Assert.Contains("unauthorized", refused.Message, StringComparison.OrdinalIgnoreCase);
        var acknowledged = await op.Hub.InvokeAsync<JsonElement>("AcknowledgeAlert", id);
        Assert.Equal(DashboardSilo.Operator, acknowledged.GetProperty("acknowledgedBy").GetString());
        await Eventually.AssertAsync(() => Task.FromResult(viewer.Items("system", "alerts").Any(a => a.GetProperty("id").GetString() == id
            && a.GetProperty("acknowledgedBy").GetString() == DashboardSilo.Operator)), Wait, $"alert {id} shown acknowledged by the operator");

        // On the alerts topic, keyed by entity, once (a later revision of the same window does not fire again).
        await _silo.PostPm25Async("aq-alert", minute.AddMinutes(-1).AddSeconds(30), 60);
        var bootstrap = (await _silo.Silo.Http.GetFromJsonAsync<JsonElement>("/api/info")).GetProperty("kafka").GetProperty("bootstrapServers").GetString()!;
        IReadOnlyList<KafkaRecord> published = [];
        await Eventually.AssertAsync(async () => (published = (await Kcat.ConsumeAllAsync(bootstrap, "streaming.alerts.v1"))
            .Where(r => r.Key == "source:aq-alert").ToList()).Count > 0, Wait, "an alert for source:aq-alert in streaming.alerts.v1");
        var record = Assert.Single(published);
        Assert.Equal(("org.nhs.streaming.alert.v1", id), (record.Header("ce_type"), record.Header("ce_id")));
        Assert.Equal(("pm25", "1m", "above"), (record.Value.GetProperty("metric").GetString(), record.Value.GetProperty("size").GetString(),
            record.Value.GetProperty("direction").GetString()));
    }

    [Fact]
    public async Task Resubmit_FromThePage_OperatorsOnly()
    {
        var minute = DashboardSilo.RecentMinute();
        await _silo.PostPm25Async("aq-resubmit", minute, -5);
        var letter = (await _silo.Silo.Http.GetFromJsonAsync<JsonElement>("/api/deadletters?limit=10")).EnumerateArray()
            .First(l => l.GetProperty("source").GetString() == "aq-resubmit");
        var path = $"/dashboard/deadletters/{letter.GetProperty("id").GetString()}/resubmit";
        var corrected = FormattableString.Invariant($$"""{"source":"aq-resubmit","time":"{{minute.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}","readings":{"pm25":5} }""");

        using var anonymous = await _silo.Silo.Http.PostAsync(path, new StringContent(corrected, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var viewer = _silo.Client(await _silo.SignInAsync(DashboardSilo.Viewer, DashboardSilo.ViewerPassword));
        using var refused = await viewer.PostAsync(path, new StringContent(corrected, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var op = _silo.Client(await _silo.SignInAsync(DashboardSilo.Operator, DashboardSilo.OperatorPassword));
        using var accepted = await op.PostAsync(path, new StringContent(corrected, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(1, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
    }
}
