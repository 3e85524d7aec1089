namespace Streaming.Domain;

/// <summary>
/// Cleaning for every kind of event that reaches the windows: sensor readings by <see cref="SensorCleaning"/>; posts
/// and images here, as one count each (<c>posts</c>, <c>images</c>) so windows count them per place like any metric.
/// A post's hashtags become the window's trending terms; an image keeps a reference to its stored thumbnail.
/// </summary>
public static class ContentCleaning
{
    /// <summary>The metric a post counts as.</summary>
    public const string Posts = "posts";

    /// <summary>The metric an image counts as.</summary>
    public const string Images = "images";

    /// <summary>
    /// Cleans one envelope of any kind but records. <paramref name="nearDuplicateOf"/> is the content hash of a recent
    /// image this one nearly duplicates (decided across sources by the caller): the image is kept, flagged.
    /// </summary>
    public static CleanOutcome Clean(EventEnvelope envelope, SourceCleaningState state, CleaningOptions options, string? nearDuplicateOf = null)
    {
        switch (envelope.Payload)
        {
            case SensorPayload:
                return SensorCleaning.Clean(envelope, state, options);
            case SocialPayload or MediaPayload when state.SeenEnvelopes.Contains(envelope.Id):
                return SensorCleaning.Reject(envelope, state, RejectReason.Duplicate, "envelope id already accepted");
            case SocialPayload post:
                var clean = SensorCleaning.Accept(envelope, state, options, [new CleanReading(Posts, 1, "count", ReadingFlags.None)]);
                return new CleanOutcome(clean with { Terms = post.Hashtags.Length == 0 ? null : post.Hashtags }, []);
            case MediaPayload image:
                var flags = nearDuplicateOf is null ? ReadingFlags.None : ReadingFlags.NearDuplicate;
                state.Quality.Flag(flags);
                var media = new MediaRef(image.ContentHash, image.ThumbnailHash, image.Width, image.Height, nearDuplicateOf);
                var accepted = SensorCleaning.Accept(envelope, state, options, [new CleanReading(Images, 1, "count", flags)]);
                return new CleanOutcome(accepted with { Media = media }, []);
            default:
                return SensorCleaning.Reject(envelope, state, RejectReason.UnknownKind, $"{envelope.Kind} events are not cleaned on this path");
        }
    }
}
