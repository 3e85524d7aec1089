using Orleans.Concurrency;

namespace Streaming.Dashboard;

/// <summary>
/// The one meeting point of silos and dashboards (key <see cref="Key"/>): every silo publishes its digests here, and every
/// dashboard (in a silo or a separately hosted app, an Orleans client) subscribes an observer and receives every silo's
/// digests, so each page sees the whole cluster. It also keeps the alerts (persisted, with who acknowledged them) and tells
/// the silos which entities someone watches, so only those entities' windows travel.
/// </summary>
public interface IDashboardFeedGrain : IGrainWithStringKey
{
    /// <summary>The grain's key.</summary>
    const string Key = "live";

    /// <summary>A silo's digest, passed on to every dashboard; answers the entity groups (<c>entity:{key}</c>) someone watches.</summary>
    Task<string[]> Publish(SiloDigest digest);

    /// <summary>
    /// Subscribes (or renews) a dashboard's observer with the entity groups its pages watch; a subscription not renewed
    /// within <see cref="DashboardFeedGrain.Expiry"/> lapses. Answers every kept alert.
    /// </summary>
    Task<DashboardAlert[]> Subscribe(IDashboardObserver observer, string[] watching);

    /// <summary>Ends a dashboard's subscription.</summary>
    Task Unsubscribe(IDashboardObserver observer);

    /// <summary>Marks an alert acknowledged by <paramref name="user"/> and tells every dashboard; null when it is not kept.</summary>
    Task<DashboardAlert?> Acknowledge(string id, string user);
}

/// <summary>A dashboard's receiver of the feed.</summary>
public interface IDashboardObserver : IGrainObserver
{
    /// <summary>One silo's digest.</summary>
    [OneWay]
    Task OnDigest(SiloDigest digest);

    /// <summary>Alerts that fired or were acknowledged, newest first.</summary>
    [OneWay]
    Task OnAlerts(DashboardAlert[] changed);
}
