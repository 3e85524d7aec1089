using Streaming.Domain;

namespace Streaming.Silo;

/// <summary>A place as the API shows it, with its score (search) or distance (nearest) when it is a hit.</summary>
public sealed record PlaceView(
    string Id, string Entity, string Kind, string Name, string[] Address, string? Postcode, double? Latitude, double? Longitude,
    string Area, string? Ward, string Status, double? Score, double? DistanceMetres)
{
    /// <summary>The view of a place.</summary>
    public static PlaceView From(Place p, double? score = null, double? distance = null) => new(
        p.Id, p.Entity.Value, p.Kind, p.Name, p.Address, p.Postcode?.Value, p.Location?.Latitude, p.Location?.Longitude,
        p.Area, p.Location?.Ward, p.Status, score, distance is null ? null : Math.Round(distance.Value, 1));
}
