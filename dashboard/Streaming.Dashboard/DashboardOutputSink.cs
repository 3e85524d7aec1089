using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Dashboard;

/// <summary>
/// Decorates the output sink (Kafka, or the disabled one): everything still goes to <paramref name="inner"/> first, and a
/// copy goes to this silo's <see cref="TrendBuffer"/> for the dashboard. This works because the hub runs in the same
/// process as each silo here, so each silo pushes what its own grains produce. A separately hosted dashboard (an Orleans
/// client) would need the output through an Orleans stream or a grain observer instead: not built yet.
/// </summary>
public sealed class DashboardOutputSink(IOutputSink inner, TrendBuffer buffer, RecentImages images) : IOutputSink
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
    }

    /// <inheritdoc />
    public void PublishWindows(string owner, IReadOnlyList<WindowResult> windows)
    {
        inner.PublishWindows(owner, windows);
        buffer.AddWindows(owner, windows);
    }

    /// <inheritdoc />
    public void PublishEntity(EntitySnapshot entity) => inner.PublishEntity(entity);
}
