namespace Streaming.Silo;

/// <summary>
/// The body of <c>POST /api/replay/export</c> and <c>POST /api/replay/exports</c>: event times in [from, to), optional
/// sources, kinds and metrics (empty: all), and the format: <c>jsonl</c> (default), <c>csv</c> or <c>parquet</c>; for an
/// export run (<c>/exports</c>) only, the most events per second (null: as fast as it goes).
/// </summary>
public sealed record ReplayRequest(
    DateTimeOffset? From, DateTimeOffset? To, string[]? Sources, string[]? Kinds, string[]? Metrics, string? Format,
    double? MaxEventsPerSecond = null);
