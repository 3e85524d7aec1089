namespace Streaming.Domain;

/// <summary>A WGS84 point, degrees.</summary>
[GenerateSerializer, Immutable, Alias("streaming.geo-point.v1")]
public readonly record struct GeoPoint([property: Id(0)] double Latitude, [property: Id(1)] double Longitude);
