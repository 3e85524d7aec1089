namespace Streaming.Domain;

/// <summary>
/// The result of cleaning one envelope: the clean event (null when nothing in it was accepted) and
/// every rejection, whole-event or per reading.
/// </summary>
public sealed record CleanOutcome(CleanEvent? Event, IReadOnlyList<ReadingRejection> Rejections);
