using Orleans.Concurrency;
using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>One entity's query side.</summary>
public interface IEntityQueryGrain : IGrainWithStringKey
{
    /// <summary>Current values and counters.</summary>
    [ReadOnly]
    Task<EntitySnapshot> GetSnapshot();

    /// <summary>Windows of one metric and size overlapping [from, to), oldest first.</summary>
    [ReadOnly]
    Task<WindowResult[]> GetWindows(SeriesKey series, TimeSpan size, DateTimeOffset? from, DateTimeOffset? to);
}
