namespace Streaming.Grains;

/// <summary>Roll-up batching, bound from <c>Rollups</c>.</summary>
public sealed class RollupOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Rollups";

    /// <summary>How often an entity forwards its window deltas to its area, and an area to the system roll-up. Default 250 ms.</summary>
    public TimeSpan ForwardInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Least time between two state writes of a roll-up: merges arriving meanwhile share the next write (and wait for it
    /// before they are confirmed). A roll-up's state grows with its children, so this bounds what it costs. Default 100 ms.
    /// </summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
