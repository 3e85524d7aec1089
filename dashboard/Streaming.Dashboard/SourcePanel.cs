namespace Streaming.Dashboard;

/// <summary>
/// The sources panel: at most <see cref="SourceBoard.Busiest"/> active sources (busiest first) and
/// <see cref="SourceBoard.SilentShown"/> silent ones (most recently heard first); how many are active and silent in all,
/// and how many of them are not shown.
/// </summary>
public sealed record SourcePanel(IReadOnlyList<SourceRate> Sources, int Active, int Silent, int NotShown, double SilentAfterSeconds);
