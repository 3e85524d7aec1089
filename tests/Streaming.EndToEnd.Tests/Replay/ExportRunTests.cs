using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// Export runs (<c>POST /api/replay/exports</c>) against the real silo and its archive: a run shows progress like a
/// sandbox run and its file has the synchronous export's rows; a paced run cancelled has no file.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(ReplayCollection.Name)]
public sealed class ExportRunTests(ReplaySilo fixture)
{
    private readonly SandboxApi _api = new(fixture.Silo.Http);

    [Fact]
    public async Task ExportRun_Completed_FileHasTheSynchronousExportsRowsOnce()
    {
        var id = await StartAsync(maxEventsPerSecond: null);

        var run = await _api.EndedAsync(id);
        Assert.True(run.GetProperty("state").GetString() == "completed", $"export run {id} ended as {run}");
        Assert.Equal("export", run.GetProperty("kind").GetString());
        Assert.True(run.GetProperty("events").GetInt64() > 0, $"events: {run}");
        using var file = await fixture.Silo.Http.GetAsync($"/api/replay/runs/{id}/file");
        Assert.True(file.StatusCode == HttpStatusCode.OK, $"file answered {file.StatusCode}: {await file.Content.ReadAsStringAsync()}");
        var rows = Lines(await file.Content.ReadAsStringAsync());

        using var synchronous = await fixture.Silo.Http.PostAsJsonAsync("/api/replay/export",
            new { from = ReplaySilo.From, to = ReplaySilo.To, kinds = new[] { "sensor" } });
        Assert.Equal(HttpStatusCode.OK, synchronous.StatusCode);
        var expected = Lines(await synchronous.Content.ReadAsStringAsync());
        Assert.True(expected > 100, $"too few rows exported: {expected}");
        Assert.Equal(expected, rows);
        Assert.Equal(expected, run.GetProperty("readings").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Silo.Http.GetAsync($"/api/replay/runs/{id}/file")).StatusCode);
    }

    [Fact]
    public async Task ExportRun_PacedThenCancelled_StateCancelledAndNoFile()
    {
        var id = await StartAsync(maxEventsPerSecond: 8);

        await Eventually.AssertAsync(async () => (await _api.RunStateAsync(id)).GetProperty("events").GetInt64() > 0,
            TimeSpan.FromSeconds(20), $"export run {id} to report events done");
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Silo.Http.GetAsync($"/api/replay/runs/{id}/file")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Silo.Http.DeleteAsync($"/api/replay/runs/{id}")).StatusCode);

        Assert.Equal("cancelled", (await _api.EndedAsync(id)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Silo.Http.GetAsync($"/api/replay/runs/{id}/file")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Silo.Http.GetAsync("/api/replay/runs/no-such-run/file")).StatusCode);
    }

    private async Task<string> StartAsync(double? maxEventsPerSecond)
    {
        using var response = await fixture.Silo.Http.PostAsJsonAsync("/api/replay/exports",
            new { from = ReplaySilo.From, to = ReplaySilo.To, kinds = new[] { "sensor" }, maxEventsPerSecond });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/replay/exports answered {response.StatusCode}: {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        Assert.Equal($"/api/replay/runs/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    private static int Lines(string jsonl) => jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}
