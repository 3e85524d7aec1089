using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>
/// Where grains hand what they produce for downstream consumers (Kafka output topics in the host).
/// Implementations batch and never block the grain longer than the call's own delivery wait.
/// </summary>
public interface IOutputSink
{
    /// <summary>
    /// Publishes cleaned events; completes once they are durably written (the caller acknowledges the
    /// sender only after), or throws so the sender retries.
    /// </summary>
    ValueTask PublishCleanAsync(IReadOnlyList<CleanEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Publishes window emissions of one owner (an entity key, <c>area:…</c> or <c>system</c>). Fire and forget.</summary>
    void PublishWindows(string owner, IReadOnlyList<WindowResult> windows);

    /// <summary>Publishes an entity's new state (the compacted entities topic). Fire and forget.</summary>
    void PublishEntity(EntitySnapshot entity);

    /// <summary>Publishes an alert that fired (the alerts topic, keyed by entity). Fire and forget.</summary>
    void PublishAlert(Alert alert);
}
