namespace Streaming.Domain;

/// <summary>
/// A short post, already made safe to store: the text normalised, the author and every mention replaced by a keyed
/// pseudonym, and hashtags, mentions and links extracted. Where it was posted, when the post says.
/// </summary>
/// <param name="Text">The normalised text, mentions replaced by their pseudonyms.</param>
/// <param name="Author">The author's pseudonym (keyed hash), never the handle.</param>
/// <param name="Hashtags">Hashtags without the '#', case-folded, in order of first appearance, each once.</param>
/// <param name="Mentions">Pseudonyms of the accounts mentioned, in order of first appearance, each once.</param>
/// <param name="Links">Links in the text (http and https URLs), each once.</param>
[GenerateSerializer, Immutable, Alias("streaming.payload.social.v1")]
public sealed record SocialPayload(
    [property: Id(0)] string Text,
    [property: Id(1)] string Author,
    [property: Id(2)] string[] Hashtags,
    [property: Id(3)] string[] Mentions,
    [property: Id(4)] string[] Links) : Payload
{
    /// <summary>The geotag (WGS84), when the post carries one.</summary>
    [Id(5)] public GeoPoint? Location { get; init; }

    /// <summary>A postcode given with the post or found in its text.</summary>
    [Id(6)] public Postcode? Postcode { get; init; }

    /// <summary>A place name given with the post (Twitter's <c>place.full_name</c>), as written.</summary>
    [Id(7)] public string? PlaceName { get; init; }
}
