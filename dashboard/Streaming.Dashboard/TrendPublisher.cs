using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streaming.Dashboard;

/// <summary>
/// Pushes as soon as a silo's digest arrives, at most once per <see cref="DashboardOptions.PushInterval"/> (and at least
/// once a second), sending each watched group one message with what changed for it: at most
/// <see cref="DashboardOptions.MaxWindowsPerMessage"/> windows, the most recently changed first. The <c>system</c> group
/// also gets the statistics (<see cref="SystemStatistics"/>); a <c>top:{kind}/{metric}</c> group gets its metric's top
/// entities when they changed, at most once a second. Pushing on arrival rather than on a timer of its own means an
/// event waits for one digest, not for a digest and then a push tick.
/// </summary>
public sealed partial class TrendPublisher(
    TrendBuffer buffer, LatestWindowPoller poller, TrendGroups groups, KindRates kinds, AreaBoard areas, IngestLatency latency, TopBoard top,
    SystemStatistics statistics, IHubContext<TrendHub, ITrendClient> hub, IOptions<DashboardOptions> options, TimeProvider time,
    ILogger<TrendPublisher> logger)
    : BackgroundService
{
    private static readonly TimeSpan TopEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdleEvery = TimeSpan.FromSeconds(1);
    private DateTimeOffset _topSent = DateTimeOffset.MinValue;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(options.Value.PushInterval.TotalMilliseconds, options.Value.MaxWindowsPerMessage);
        var interval = options.Value.PushInterval;
        var pushed = time.GetTimestamp();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await buffer.NextArrival.WaitAsync(IdleEvery, time, stoppingToken);
                }
                catch (TimeoutException)
                {
                    // Nothing arrived (no feed, or it is down): push anyway, so rates decay and pages see time pass.
                }
                var wait = interval - time.GetElapsedTime(pushed);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken); // what arrives meanwhile joins this push
                }
                stoppingToken.ThrowIfCancellationRequested();
                pushed = time.GetTimestamp();
                try
                {
                    await PushAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One failed push (a connection gone mid-send) must not end the pushes; the next one carries on.
                    LogPushFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopped();
        }
    }

    /// <summary>One push: drains the buffer and sends each watched group its message.</summary>
    public async Task PushAsync()
    {
        await poller.PollAsync();
        var now = time.GetUtcNow();
        var batch = buffer.Drain();
        kinds.Observe(batch.EventsByKind, now);
        latency.Observe(now);
        areas.Observe(batch.Windows);
        var max = options.Value.MaxWindowsPerMessage;
        var sends = new List<Task>();
        var systemSent = false;
        foreach (var group in batch.Windows.GroupBy(p => TrendGroups.ForOwner(p.Owner)).Where(g => groups.IsWatched(g.Key)))
        {
            var all = group.ToList();
            var windows = all.OrderByDescending(p => p.Sequence).Take(max).Select(p => TrendWindow.From(p.Owner, p.Window)).ToList();
            var update = new TrendUpdate(group.Key, now, windows, all.Count - windows.Count);
            if (group.Key == TrendGroups.System)
            {
                update = statistics.Add(update, now);
                systemSent = true;
            }
            LogPush(group.Key, windows.Count, update.Omitted);
            sends.Add(hub.Clients.Group(group.Key).Update(update));
        }
        if (!systemSent && groups.IsWatched(TrendGroups.System))
        {
            sends.Add(hub.Clients.Group(TrendGroups.System).Update(statistics.Add(new TrendUpdate(TrendGroups.System, now, [], 0), now)));
        }
        else if (!groups.IsWatched(TrendGroups.System))
        {
            areas.Take(all: false); // nobody to tell; a page that joins gets every area in its snapshot
        }
        if (now - _topSent >= TopEvery)
        {
            _topSent = now;
            foreach (var group in groups.Watched().Where(g => g.StartsWith(TrendGroups.TopPrefix, StringComparison.Ordinal)))
            {
                if (top.Take(group[TrendGroups.TopPrefix.Length..], now, always: false) is { } list)
                {
                    sends.Add(hub.Clients.Group(group).Update(new TrendUpdate(group, now, [], 0) { Top = list }));
                }
            }
        }
        await Task.WhenAll(sends);
    }

    [LoggerMessage(3010, LogLevel.Information, "Dashboard pushes on each digest, at most every {IntervalMs} ms and {Max} windows per message")]
    private partial void LogStarted(double intervalMs, int max);

    [LoggerMessage(3011, LogLevel.Trace, "Pushed {Windows} windows to {Group} ({Omitted} more changed)")]
    private partial void LogPush(string group, int windows, int omitted);

    [LoggerMessage(3012, LogLevel.Error, "A dashboard push failed; the next one carries on")]
    private partial void LogPushFailed(Exception exception);

    [LoggerMessage(3013, LogLevel.Debug, "Dashboard pushes stopped")]
    private partial void LogStopped();
}
