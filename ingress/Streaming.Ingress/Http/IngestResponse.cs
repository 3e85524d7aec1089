namespace Streaming.Ingress;

/// <summary>The answer to <c>POST /api/ingest</c>: counts, and one entry per rejected item or reading.</summary>
/// <param name="Accepted">Events with at least one reading accepted.</param>
/// <param name="Rejected">Items rejected whole (undecodable, duplicate, late, or every reading rejected).</param>
/// <param name="Rejections">Each rejection: the item's index when decoding failed, else its envelope id and metric.</param>
public sealed record IngestResponse(int Accepted, int Rejected, IReadOnlyList<IngestRejection> Rejections);

/// <summary>One rejection in an <see cref="IngestResponse"/>.</summary>
public sealed record IngestRejection(int? Index, string? Id, string? Metric, string Reason, string Detail);
