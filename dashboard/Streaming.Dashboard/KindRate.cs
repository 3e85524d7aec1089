namespace Streaming.Dashboard;

/// <summary>Clean events of one kind: per second over about the last second, and in all since this silo started.</summary>
public sealed record KindRate(string Kind, double PerSecond, long Total);
