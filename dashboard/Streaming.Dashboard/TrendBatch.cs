namespace Streaming.Dashboard;

/// <summary>What changed since the previous push: the newest revision of each changed window, and clean events per kind.</summary>
public sealed record TrendBatch(IReadOnlyCollection<PendingWindow> Windows, IReadOnlyDictionary<string, long> EventsByKind);
