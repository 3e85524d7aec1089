namespace Streaming.Dashboard;

/// <summary>
/// The sources panel: at most <see cref="SourceBoard.Busiest"/> active sources (busiest first) and
/// <see cref="SourceBoard.SilentShown"/> silent ones (most recently heard first); how many are active and silent in all,
/// and how many of them are not shown.
/// </summary>
[GenerateSerializer, Immutable, Alias("streaming.dashboard.source-panel.v1")]
public sealed record SourcePanel(
    [property: Id(0)] IReadOnlyList<SourceRate> Sources, [property: Id(1)] int Active, [property: Id(2)] int Silent, [property: Id(3)] int NotShown,
    [property: Id(4)] double SilentAfterSeconds);
