namespace Streaming.Dashboard;

/// <summary>An image as the page shows it: its thumbnail (no metadata), which place and source, when taken; never where.</summary>
[GenerateSerializer, Immutable, Alias("streaming.dashboard.image.v1")]
public sealed record TrendImage(
    [property: Id(0)] string Entity, [property: Id(1)] string Source, [property: Id(2)] DateTimeOffset EventTime,
    [property: Id(3)] string Thumbnail, [property: Id(4)] int Width, [property: Id(5)] int Height, [property: Id(6)] bool NearDuplicate);
