namespace Streaming.Domain;

/// <summary>
/// One refused item, kept whole so it can be inspected, corrected and resubmitted: the original payload
/// (binary allowed), where it was refused and why, and where it came from.
/// </summary>
/// <param name="Id">Unique id of this dead letter.</param>
/// <param name="Stage">Pipeline stage that refused it.</param>
/// <param name="Reason">Machine-readable reason (a <see cref="RejectReason"/> name, or a transport's own).</param>
/// <param name="Detail">What was wrong, in words, without the payload.</param>
/// <param name="Provenance">Transport, channel, partition/offset or client, ingest time.</param>
/// <param name="Payload">The original bytes (for a cleaning or late refusal: the event as sensor JSON).</param>
/// <param name="ContentType">The payload's media type, when known.</param>
/// <param name="Source">The source, when known.</param>
/// <param name="Metric">The reading refused, when only one reading of an event was.</param>
/// <param name="FirstSeen">When it was first refused.</param>
/// <param name="Attempts">How many times it has been submitted, counting resubmissions.</param>
[GenerateSerializer, Immutable, Alias("streaming.dead-letter.v1")]
public sealed record DeadLetter(
    [property: Id(0)] string Id,
    [property: Id(1)] DeadLetterStage Stage,
    [property: Id(2)] string Reason,
    [property: Id(3)] string Detail,
    [property: Id(4)] Provenance Provenance,
    [property: Id(5)] byte[] Payload,
    [property: Id(6)] string? ContentType,
    [property: Id(7)] string? Source,
    [property: Id(8)] string? Metric,
    [property: Id(9)] DateTimeOffset FirstSeen,
    [property: Id(10)] int Attempts);
