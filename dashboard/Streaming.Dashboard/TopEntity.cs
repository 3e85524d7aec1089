namespace Streaming.Dashboard;

/// <summary>One entity in a top list: its newest window's mean and readings, and when that window began.</summary>
public sealed record TopEntity(string Entity, double Mean, long Count, DateTimeOffset Start, bool Final);
