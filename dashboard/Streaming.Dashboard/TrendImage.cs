namespace Streaming.Dashboard;

/// <summary>An image as the page shows it: its thumbnail (no metadata), which place and source, when taken; never where.</summary>
public sealed record TrendImage(string Entity, string Source, DateTimeOffset EventTime, string Thumbnail, int Width, int Height, bool NearDuplicate);
