namespace Streaming.Grains;

/// <summary>Roll-up batching, bound from <c>Rollups</c>.</summary>
public sealed class RollupOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Rollups";

    /// <summary>
    /// How often a silo sends each area the window deltas its entities gathered (one merge for them all), and an area
    /// forwards to the system roll-up. Default 250 ms.
    /// </summary>
    public TimeSpan ForwardInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Most entities in one merge a silo sends an area: a batch this full goes at once rather than at the end of the
    /// interval, which bounds one call's size. Default 1,000.
    /// </summary>
    public int MaxChildrenPerMerge { get; set; } = 1000;

    /// <summary>
    /// Least time between two state writes of a roll-up: merges arriving meanwhile share the next write (and wait for it
    /// before they are confirmed). A roll-up's state grows with its children, so this bounds what it costs. Default 100 ms.
    /// </summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How many children's sequence numbers may wait in the record written on every commit before they are settled into
    /// the roll-up's second record (written only then). Bounds the every-commit write whatever the number of children; the
    /// settling write grows with them but comes once per this many merging children. Default 4,096.
    /// </summary>
    public int SettleAfterChildren { get; set; } = 4096;
}
