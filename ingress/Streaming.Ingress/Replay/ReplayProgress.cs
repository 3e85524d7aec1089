namespace Streaming.Ingress;

/// <summary>How far a replay has got: events read, readings written, events per second, and the time left (when known).</summary>
public sealed record ReplayProgress(long Events, long Rows, double EventsPerSecond, TimeSpan? Remaining, bool Done);
