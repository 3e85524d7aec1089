namespace Streaming.EndToEnd.Tests;

/// <summary>
/// Two silos in one cluster (PostgreSQL) and a dashboard hosted apart: every dashboard shows the whole cluster, whichever
/// silo hosts a source's grains and whichever silo took the events in.
/// </summary>
[Collection(PostgresCollection.Name), Trait("Category", "EndToEnd")]
public sealed class DashboardClusterTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task TwoSilos_EveryDashboard_ShowsEverySource()
    {
        var cluster = await PostgresSiloTests.ProductionSettings(postgres, "dash" + Guid.NewGuid().ToString("N")[..8]);
        await using var first = await DashboardSilo.StartAsync(cluster);
        await using var second = await DashboardSilo.StartAsync(cluster);
        await using var host = await DashboardSilo.StartHostAsync(cluster);
        await using var onFirst = await DashboardWatcher.StartAsync(first, DashboardSilo.Viewer, DashboardSilo.ViewerPassword, "system");
        await using var onSecond = await DashboardWatcher.StartAsync(second, DashboardSilo.Viewer, DashboardSilo.ViewerPassword, "system");
        await using var onHost = await DashboardWatcher.StartAsync(host, DashboardSilo.Viewer, DashboardSilo.ViewerPassword, "system");

        // Twelve sources through the first silo only; their grains spread over both silos (random placement), so a
        // dashboard that showed only its own silo's grains would miss some (all twelve on one silo: 1 in 2,048).
        var sources = Enumerable.Range(1, 12).Select(i => $"aq-cluster-{i}").ToList();
        var minute = DashboardSilo.RecentMinute();
        foreach (var source in sources)
        {
            await first.PostPm25Async(source, minute, 10);
        }

        foreach (var (name, watcher) in new[] { ("first silo", onFirst), ("second silo", onSecond), ("separate host", onHost) })
        {
            await Eventually.AssertAsync(() => Task.FromResult(sources.All(watcher.Sources().Contains)), Wait,
                $"all 12 sources in the {name}'s sources panel (has {string.Join(", ", watcher.Sources().Distinct().Order())})");
        }
    }
}
