using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Streaming.Dashboard;

/// <summary>
/// <see cref="IDashboardFeedGrain"/>: passes every silo's digest to every subscribed dashboard (one-way calls, so a slow or
/// gone dashboard never holds a silo up), keeps the alerts with their acknowledgements in grain storage (written when they
/// change: alerts are rare), and answers each silo with the entity groups any dashboard watches.
/// </summary>
public sealed partial class DashboardFeedGrain(
    [PersistentState("dashboard-alerts", "Default")] IPersistentState<AlertBook> alerts, TimeProvider time, ILogger<DashboardFeedGrain> logger)
    : Grain, IDashboardFeedGrain
{
    /// <summary>How long a subscription lasts without renewal (dashboards renew every <see cref="FeedSubscriber.RenewEvery"/>).</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(45);

    private readonly Dictionary<IDashboardObserver, Subscription> _observers = [];
    private string[] _watched = [];

    public async Task<string[]> Publish(SiloDigest digest)
    {
        Expire();
        foreach (var observer in _observers.Keys)
        {
            _ = observer.OnDigest(digest);
        }
        if (digest.Alerts.Length > 0)
        {
            var added = alerts.State.Add(digest.Alerts);
            if (added.Count > 0)
            {
                await SaveAsync();
                Tell([.. added]);
            }
        }
        return _watched;
    }

    public Task<DashboardAlert[]> Subscribe(IDashboardObserver observer, string[] watching)
    {
        var isNew = !_observers.ContainsKey(observer);
        _observers[observer] = new Subscription(time.GetUtcNow(), [.. watching.Where(TrendGroups.IsValid)]);
        Recount();
        if (isNew)
        {
            LogSubscribed(_observers.Count);
        }
        return Task.FromResult(alerts.State.Alerts.ToArray());
    }

    public Task Unsubscribe(IDashboardObserver observer)
    {
        if (_observers.Remove(observer))
        {
            Recount();
        }
        return Task.CompletedTask;
    }

    public async Task<DashboardAlert?> Acknowledge(string id, string user)
    {
        var acknowledged = alerts.State.Acknowledge(id, user, time.GetUtcNow(), out var changed);
        if (changed)
        {
            await SaveAsync();
            Tell([acknowledged!]);
        }
        return acknowledged;
    }

    private void Tell(DashboardAlert[] changed)
    {
        foreach (var observer in _observers.Keys)
        {
            _ = observer.OnAlerts(changed);
        }
    }

    private async Task SaveAsync()
    {
        try
        {
            await alerts.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change is still passed on; it is written with the next one, and lost only if this grain moves before then.
            LogWriteFailed(ex);
        }
    }

    private void Expire()
    {
        var before = time.GetUtcNow() - Expiry;
        var lapsed = _observers.Where(o => o.Value.Renewed < before).Select(o => o.Key).ToList();
        foreach (var observer in lapsed)
        {
            _observers.Remove(observer);
        }
        if (lapsed.Count > 0)
        {
            LogLapsed(lapsed.Count, _observers.Count);
            Recount();
        }
    }

    private void Recount() =>
        _watched = [.. _observers.Values.SelectMany(s => s.Watching).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private sealed record Subscription(DateTimeOffset Renewed, string[] Watching);

    [LoggerMessage(3040, LogLevel.Information, "A dashboard subscribed to the feed ({Count} now)")]
    private partial void LogSubscribed(int count);

    [LoggerMessage(3041, LogLevel.Information, "{Lapsed} dashboard subscriptions lapsed unrenewed ({Count} left)")]
    private partial void LogLapsed(int lapsed, int count);

    [LoggerMessage(3042, LogLevel.Warning, "The dashboard alerts could not be written; they are passed on and written with the next change")]
    private partial void LogWriteFailed(Exception exception);
}
