namespace Streaming.Dashboard;

/// <summary>Dead letters of one stage and reason: in the last minute, and in all since this silo started.</summary>
public sealed record DeadLetterRate(string Stage, string Reason, long LastMinute, long Total);
