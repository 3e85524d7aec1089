namespace Streaming.Domain;

/// <summary>An image an entity received: the reference staff may see, which source sent it, and when it was taken.</summary>
[GenerateSerializer, Immutable, Alias("streaming.recent-media.v1")]
public sealed record RecentMedia(
    [property: Id(0)] MediaRef Media,
    [property: Id(1)] string Source,
    [property: Id(2)] DateTimeOffset EventTime);
