using System.Collections.Concurrent;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains.Tests;

/// <summary>An in-memory output sink shared by every silo of the test cluster, so tests can see what grains published.</summary>
public sealed class RecordingOutputSink : IOutputSink
{
    public static ConcurrentQueue<CleanEvent> Clean { get; } = new();

    public static ConcurrentQueue<(string Owner, WindowResult Window)> Windows { get; } = new();

    public static ConcurrentQueue<EntitySnapshot> Entities { get; } = new();

    public static ConcurrentQueue<Alert> Alerts { get; } = new();

    public ValueTask PublishCleanAsync(IReadOnlyList<CleanEvent> events, CancellationToken cancellationToken = default)
    {
        foreach (var e in events)
        {
            Clean.Enqueue(e);
        }
        return ValueTask.CompletedTask;
    }

    public void PublishWindows(string owner, IReadOnlyList<WindowResult> windows)
    {
        foreach (var w in windows)
        {
            Windows.Enqueue((owner, w));
        }
    }

    public void PublishEntity(EntitySnapshot entity) => Entities.Enqueue(entity);

    public void PublishAlert(Alert alert) => Alerts.Enqueue(alert);
}
