using Orleans.Concurrency;
using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>The windows one owner (entity, area or system) has in one sandbox; key from <see cref="SandboxKeys.Windows"/>.</summary>
public interface ISandboxWindowsGrain : IGrainWithStringKey
{
    /// <summary>Replaces the stored windows.</summary>
    Task Store(WindowResult[] windows);

    /// <summary>Windows of one series and size overlapping [from, to), oldest first (as live queries answer).</summary>
    [ReadOnly]
    Task<WindowResult[]> GetWindows(SeriesKey series, TimeSpan size, DateTimeOffset? from, DateTimeOffset? to);

    /// <summary>Every stored window, by series, size and start.</summary>
    [ReadOnly]
    Task<WindowResult[]> GetAll();

    /// <summary>Forgets the windows.</summary>
    Task Clear();
}
