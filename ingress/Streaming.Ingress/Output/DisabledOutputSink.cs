using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress;

/// <summary>
/// The output sink when no output transport is configured: grains work and the read API answers, but nothing
/// is published downstream. Registered only when no other <see cref="IOutputSink"/> is.
/// </summary>
public sealed class DisabledOutputSink : IOutputSink
{
    /// <inheritdoc />
    public ValueTask PublishCleanAsync(IReadOnlyList<CleanEvent> events, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public void PublishWindows(string owner, IReadOnlyList<WindowResult> windows)
    {
        // Nothing downstream to tell.
    }

    /// <inheritdoc />
    public void PublishEntity(EntitySnapshot entity)
    {
        // Nothing downstream to tell.
    }

    /// <inheritdoc />
    public void PublishAlert(Alert alert)
    {
        // Nothing downstream to tell.
    }
}
