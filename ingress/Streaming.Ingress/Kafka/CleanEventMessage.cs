using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// The value of a <see cref="Topics.Clean"/> message (clean event JSON v1). A post adds its hashtags, an image its stored
/// hashes and size (never where it was taken); both are null for sensor readings.
/// </summary>
internal sealed record CleanEventMessage(
    string Id, string Source, string Entity, EventKind Kind, DateTimeOffset EventTime, DateTimeOffset ReceivedAt, CleanReading[] Readings,
    string[]? Hashtags, MediaRef? Media)
{
    public static CleanEventMessage From(CleanEvent e) =>
        new(e.Id.Value, e.Source.Value, e.Entity.Value, e.Kind, e.EventTime, e.ReceivedAt, e.Readings, e.Terms, e.Media);
}
