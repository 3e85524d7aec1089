using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>What happened to a batch: events with at least one reading applied, events rejected whole, and every rejection.</summary>
[GenerateSerializer, Immutable, Alias("streaming.ingest-report.v1")]
public sealed record IngestReport(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int Rejected,
    [property: Id(2)] ReadingRejection[] Rejections);
