namespace Streaming.Dashboard;

/// <summary>
/// How long one kind's clean events took from being received (<c>receivedAt</c>) to being pushed to the pages, over about
/// the last 10 seconds: the median, the 99th and the 99.9th percentile in milliseconds (within 1 %), and how many events
/// that covers.
/// </summary>
public sealed record KindLatency(string Kind, double P50Ms, double P99Ms, double P999Ms, long Events);
