using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>An entity's current state as the API shows it.</summary>
[GenerateSerializer, Immutable, Alias("streaming.entity-snapshot.v1")]
public sealed record EntitySnapshot(
    [property: Id(0)] string Key,
    [property: Id(1)] string Area,
    [property: Id(2)] Dictionary<string, CurrentValue> Current,
    [property: Id(3)] long EventsApplied,
    [property: Id(4)] long EventsLate,
    [property: Id(5)] long Duplicates,
    [property: Id(6)] DateTimeOffset? LastReceivedAt,
    [property: Id(7)] DateTimeOffset? Watermark,
    [property: Id(8)] Dictionary<string, string> Attributes,
    [property: Id(9)] RecordLink[] Records)
{
    /// <summary>The newest images linked to the entity, newest first: thumbnails and sizes, never locations.</summary>
    [Id(10)] public RecentMedia[] Media { get; init; } = [];

    /// <summary>The snapshot of entity <paramref name="key"/> in <paramref name="state"/>, copied so later changes do not show.</summary>
    public static EntitySnapshot Of(string key, EntityState state, WindowOptions windows)
    {
        var watermark = state.Windows.MaxEventTicks == long.MinValue ? (DateTimeOffset?)null
            : new DateTimeOffset(state.Windows.WatermarkTicks(windows), TimeSpan.Zero);
        return new EntitySnapshot(key, state.Area, new(state.Current), state.EventsApplied, state.EventsLate, state.Duplicates,
            state.LastReceivedAt, watermark, new(state.Attributes), [.. state.Records])
        {
            Media = [.. state.RecentMedia],
        };
    }
}
