using System.Text.Json;

namespace Streaming.Domain;

/// <summary>
/// Where a Twitter API v1.1 status was posted. <c>coordinates</c> is GeoJSON, longitude first
/// (<c>{"type":"Point","coordinates":[lon,lat]}</c>); the deprecated <c>geo</c> is latitude first. Either may be null.
/// </summary>
internal static class TwitterPlace
{
    /// <summary>The location: <c>coordinates</c> when not null, else <c>geo</c>; none when both are null or absent.</summary>
    internal static DecodeFault? TryLocation(JsonElement coordinates, JsonElement geo, out GeoPoint? location)
    {
        location = null;
        var geoJson = JsonFields.Has(coordinates) && coordinates.ValueKind != JsonValueKind.Null;
        var point = geoJson ? coordinates : geo;
        if (!JsonFields.Has(point) || point.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var name = geoJson ? "coordinates" : "geo";
        if (point.ValueKind != JsonValueKind.Object || !point.TryGetProperty("coordinates", out var pair)
            || pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
            || (point.TryGetProperty("type", out var type) && (type.ValueKind != JsonValueKind.String || !type.ValueEquals("Point"))))
        {
            return new(RejectReason.WrongType, $"{name} must be a Point: {{\"type\":\"Point\",\"coordinates\":[{(geoJson ? "lon,lat" : "lat,lon")}]}}");
        }

        var fault = geoJson
            ? SocialPost.TryPoint(pair[1], pair[0], "coordinates [lon, lat]", out var at)
            : SocialPost.TryPoint(pair[0], pair[1], "geo [lat, lon]", out at);
        location = fault is null ? at : null;
        return fault;
    }

    /// <summary>The place name: <c>place.full_name</c>, when <c>place</c> is not null.</summary>
    internal static DecodeFault? TryPlaceName(JsonElement place, out string? name)
    {
        name = null;
        return !JsonFields.Has(place) || place.ValueKind == JsonValueKind.Null ? null
            : place.ValueKind != JsonValueKind.Object ? new(RejectReason.WrongType, $"place must be an object, not {place.ValueKind}")
            : place.TryGetProperty("full_name", out var fullName) ? SocialPost.TryPlace(fullName, "place.full_name", out name)
            : null;
    }
}
