namespace Streaming.Dashboard;

/// <summary>An area in the areas table: its newest window (smallest size) and how many readings it holds over its metrics.</summary>
public sealed record AreaSummary(string Area, int Metrics, long Readings, string Size, DateTimeOffset Latest);
