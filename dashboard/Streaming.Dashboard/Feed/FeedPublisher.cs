using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Streaming.Dashboard;

/// <summary>
/// In each silo: every <see cref="DashboardFeedOptions.FeedInterval"/>, takes this silo's digest from the
/// <see cref="FeedCollector"/> and publishes it to the <see cref="IDashboardFeedGrain"/>, which passes it to every dashboard
/// and answers which entities they watch. An idle silo still publishes about once a second (its sources panel), so
/// dashboards see silent sources go silent. A failed publish loses only that digest's counts for the pages, never data.
/// </summary>
public sealed partial class FeedPublisher(
    FeedCollector collector, IGrainFactory grains, ILocalSiloDetails silo, IOptions<DashboardFeedOptions> options, TimeProvider time,
    ILogger<FeedPublisher> logger)
    : BackgroundService
{
    /// <summary>How often the sources panel goes out.</summary>
    public static readonly TimeSpan SourcesEvery = TimeSpan.FromSeconds(1);

    /// <summary>How often everything goes out whether or not it changed.</summary>
    public static readonly TimeSpan FullEvery = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var name = silo.SiloAddress.ToParsableString();
        var feed = grains.GetGrain<IDashboardFeedGrain>(IDashboardFeedGrain.Key);
        DateTimeOffset sourcesSent = DateTimeOffset.MinValue, fullSent = DateTimeOffset.MinValue;
        var failing = false;
        using var timer = new PeriodicTimer(options.Value.FeedInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.GetUtcNow();
                var full = now - fullSent >= FullEvery;
                var sourcesDue = full || now - sourcesSent >= SourcesEvery;
                var digest = collector.Drain(name, sourcesDue, full);
                if (!sourcesDue && IsEmpty(digest))
                {
                    continue;
                }
                try
                {
                    collector.Watch(await feed.Publish(digest));
                    (sourcesSent, fullSent) = (sourcesDue ? now : sourcesSent, full ? now : fullSent);
                    if (failing)
                    {
                        LogRecovered();
                    }
                    failing = false;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Logged once per outage, not ten times a second.
                    if (!failing)
                    {
                        LogPublishFailed(ex);
                    }
                    failing = true;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static bool IsEmpty(SiloDigest d) =>
        d.EventsByKind.Count == 0 && d.Windows.Length == 0 && d.Images.Length == 0 && d.Alerts.Length == 0 && d.Top is null
        && d.Metrics is null && d.RecentDeadLetters is null;

    [LoggerMessage(3045, LogLevel.Warning, "This silo's dashboard digest could not be published; pages miss its figures until it can")]
    private partial void LogPublishFailed(Exception exception);

    [LoggerMessage(3046, LogLevel.Information, "Dashboard digests are published again")]
    private partial void LogRecovered();
}
