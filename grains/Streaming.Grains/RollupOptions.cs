namespace Streaming.Grains;

/// <summary>Roll-up batching, bound from <c>Rollups</c>.</summary>
public sealed class RollupOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Rollups";

    /// <summary>How often an entity forwards its window deltas to its area, and an area to the system roll-up. Default 250 ms.</summary>
    public TimeSpan ForwardInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
