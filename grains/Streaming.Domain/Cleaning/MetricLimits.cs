namespace Streaming.Domain;

/// <summary>The physical limits and quality thresholds of one metric, in its canonical unit.</summary>
/// <param name="Min">Lowest physically plausible value, inclusive.</param>
/// <param name="Max">Highest physically plausible value, inclusive.</param>
/// <param name="CanonicalUnit">The unit values are stored in (SenML names where one exists).</param>
/// <param name="SpikeDelta">A change larger than this from the previous reading flags a spike; null disables the check.</param>
/// <param name="StuckRepeats">This many identical readings in a row flag the value as stuck; 0 disables the check.</param>
[GenerateSerializer, Immutable, Alias("streaming.metric-limits.v1")]
public sealed record MetricLimits(
    [property: Id(0)] double Min,
    [property: Id(1)] double Max,
    [property: Id(2)] string CanonicalUnit,
    [property: Id(3)] double? SpikeDelta = null,
    [property: Id(4)] int StuckRepeats = 0);
