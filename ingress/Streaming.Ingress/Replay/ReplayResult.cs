namespace Streaming.Ingress;

/// <summary>What an export did: events read, rows written, unreadable archive lines, and the replayed domain state.</summary>
public sealed record ReplayResult(long Events, long Rows, int SkippedLines, DomainReplay Domain);
