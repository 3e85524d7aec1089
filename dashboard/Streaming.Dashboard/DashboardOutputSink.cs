using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Dashboard;

/// <summary>
/// Decorates the output sink (Kafka, or the disabled one): everything still goes to <paramref name="inner"/> first, and a
/// copy goes to this silo's <see cref="TrendBuffer"/> and boards for the dashboard, and entity windows are checked
/// against the alert rules (an alert that fires is published downstream and shown). This works because the hub runs in the same
/// process as each silo here, so each silo pushes what its own grains produce. A separately hosted dashboard (an Orleans
/// client) would need the output through an Orleans stream or a grain observer instead: not built yet.
/// </summary>
public sealed class DashboardOutputSink(
    IOutputSink inner, TrendBuffer buffer, RecentImages images, SourceBoard sources, IngestLatency latency, TopEntities top, AlertBoard alerts,
    TimeProvider time) : IOutputSink
{
    /// <summary>The sink this one decorates.</summary>
    public IOutputSink Inner => inner;

    /// <inheritdoc />
    public async ValueTask PublishCleanAsync(IReadOnlyList<CleanEvent> events, CancellationToken cancellationToken = default)
    {
        await inner.PublishCleanAsync(events, cancellationToken);
        // Counted once durable downstream: an event the sender will send again is not counted twice.
        buffer.CountClean(events);
        images.Observe(events);
        sources.Count(events, time.GetUtcNow());
        latency.Count(events);
    }

    /// <inheritdoc />
    public void PublishWindows(string owner, IReadOnlyList<WindowResult> windows)
    {
        inner.PublishWindows(owner, windows);
        buffer.AddWindows(owner, windows);
        if (TrendGroups.IsEntity(owner))
        {
            top.Observe(owner, windows);
            // Alerts are judged here, on the entity windows as the grains emit them, and go downstream like the rest.
            foreach (var alert in alerts.Check(owner, windows))
            {
                inner.PublishAlert(alert);
            }
        }
    }

    /// <inheritdoc />
    public void PublishEntity(EntitySnapshot entity) => inner.PublishEntity(entity);

    /// <inheritdoc />
    public void PublishAlert(Alert alert) => inner.PublishAlert(alert);
}
