using Orleans.Concurrency;
using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>A roll-up (an area, or <see cref="GrainKeys.System"/>): windows over everything its children applied.</summary>
public interface IRollupGrain : IGrainWithStringKey
{
    /// <summary>
    /// Merges a child's numbered segments (each once); returns the highest sequence durably applied for it. Calls
    /// interleave, so many children's merges share one state write.
    /// </summary>
    [AlwaysInterleave]
    Task<long> Merge(string child, RollupSegment[] segments);

    /// <summary>
    /// <see cref="Merge"/> for many children in one call, with one state write for them all; returns, in the same order,
    /// the highest sequence durably applied for each. What a silo's entities send their area (see RollupForwarder).
    /// </summary>
    [AlwaysInterleave]
    Task<long[]> MergeChildren(RollupChild[] children);

    /// <summary>The newest window of every series and size.</summary>
    [ReadOnly]
    Task<WindowResult[]> GetLatest();

    /// <summary>Windows of one series and size overlapping [from, to), oldest first.</summary>
    [ReadOnly]
    Task<WindowResult[]> GetWindows(SeriesKey series, TimeSpan size, DateTimeOffset? from, DateTimeOffset? to);
}
