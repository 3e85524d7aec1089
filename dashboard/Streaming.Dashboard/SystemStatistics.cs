using Microsoft.Extensions.Options;

namespace Streaming.Dashboard;

/// <summary>The pre-aggregated statistics the <c>system</c> group receives with every push (and a page in its snapshot).</summary>
public sealed class SystemStatistics(
    KindRates kinds, DeadLetterBoard deadLetters, AreaBoard areas, RecentImages images, SourcePanels sources, IngestLatency latency,
    AlertBoard alerts, TopBoard top, IOptions<DashboardOptions> options)
{
    // The sources panel changes by the second (rates over 10 s, silence after minutes): once a second is enough.
    private static readonly TimeSpan SourcesEvery = TimeSpan.FromSeconds(1);
    private DateTimeOffset _sourcesSent = DateTimeOffset.MinValue;

    /// <summary>
    /// <paramref name="update"/> with the statistics; in a <paramref name="snapshot"/> everything, else areas, images,
    /// alerts and metrics only when they changed, and the sources when a second has passed since they were last sent.
    /// </summary>
    public TrendUpdate Add(TrendUpdate update, DateTimeOffset now, bool snapshot = false)
    {
        var sourcesDue = snapshot || now - _sourcesSent >= SourcesEvery;
        if (sourcesDue && !snapshot)
        {
            _sourcesSent = now;
        }
        return update with
        {
            Kinds = kinds.Current(now), DeadLetters = deadLetters.Current(now), Areas = areas.Take(snapshot), Images = images.Take(snapshot),
            Sources = sourcesDue ? sources.Current(now, options.Value.SilentAfter) : null, Latency = latency.Current(), Alerts = alerts.Take(snapshot),
            TopMetrics = top.TakeMetrics(now, snapshot), RecentDeadLetters = deadLetters.TakeRecent(now, snapshot),
        };
    }
}
