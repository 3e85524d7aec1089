using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Streaming.Dashboard;

/// <summary>
/// A dashboard's end of the feed, in a silo or in a separately hosted app alike: subscribes an observer to the
/// <see cref="IDashboardFeedGrain"/> (renewed every <see cref="RenewEvery"/>, and at once when its pages start or stop
/// watching an entity) and hands every silo's digest to this dashboard's boards, which the <see cref="TrendPublisher"/>
/// pushes to the pages.
/// </summary>
public sealed partial class FeedSubscriber(
    IGrainFactory grains, TrendGroups groups, TrendBuffer buffer, IngestLatency latency, RecentImages images, SourcePanels sources,
    TopBoard top, DeadLetterBoard deadLetters, AlertBoard alerts, TimeProvider time, ILogger<FeedSubscriber> logger)
    : BackgroundService, IDashboardObserver
{
    /// <summary>How often the subscription is renewed.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>When the last digest arrived (null: none yet).</summary>
    public DateTimeOffset? LastDigest { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feed = grains.GetGrain<IDashboardFeedGrain>(IDashboardFeedGrain.Key);
        var self = grains.CreateObjectReference<IDashboardObserver>(this);
        string[] sent = [];
        var renewed = DateTimeOffset.MinValue;
        var failing = false;
        using var timer = new PeriodicTimer(CheckEvery, time);
        try
        {
            do
            {
                var watching = groups.WatchedEntities();
                var now = time.GetUtcNow();
                if (now - renewed < RenewEvery && watching.SequenceEqual(sent))
                {
                    continue;
                }
                try
                {
                    alerts.Reset(await feed.Subscribe(self, watching));
                    (sent, renewed) = (watching, now);
                    if (failing)
                    {
                        LogSubscribed();
                    }
                    failing = false;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (!failing)
                    {
                        LogSubscribeFailed(ex);
                    }
                    failing = true;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        try
        {
            await feed.Unsubscribe(self).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Shutting down: the subscription lapses by itself.
        }
        grains.DeleteObjectReference<IDashboardObserver>(self);
    }

    /// <inheritdoc />
    public Task OnDigest(SiloDigest digest)
    {
        var now = time.GetUtcNow();
        LastDigest = now;
        buffer.CountKinds(digest.EventsByKind);
        latency.Add(digest.Received);
        foreach (var owner in digest.Windows.GroupBy(w => w.Owner, StringComparer.Ordinal))
        {
            buffer.AddWindows(owner.Key, [.. owner.Select(w => w.Window)]);
        }
        images.Add(digest.Images);
        if (digest.Sources is { } panel)
        {
            sources.Set(digest.Silo, panel, now);
        }
        top.Set(digest.Silo, digest.Top, digest.Metrics, now);
        if (digest.DeadLetters is { } rates)
        {
            deadLetters.SetRates(digest.Silo, rates, now);
        }
        if (digest.RecentDeadLetters is { } recent)
        {
            deadLetters.SetRecent(digest.Silo, recent, now);
        }
        buffer.Arrived();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnAlerts(DashboardAlert[] changed)
    {
        alerts.Apply(changed);
        return Task.CompletedTask;
    }

    [LoggerMessage(3047, LogLevel.Warning, "This dashboard could not subscribe to the feed; it retries, and its pages show nothing new until then")]
    private partial void LogSubscribeFailed(Exception exception);

    [LoggerMessage(3048, LogLevel.Information, "This dashboard is subscribed to the feed again")]
    private partial void LogSubscribed();
}
