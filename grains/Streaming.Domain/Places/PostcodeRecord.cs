namespace Streaming.Domain;

/// <summary>One postcode unit from OS Code-Point Open: where it is and the administrative areas it lies in.</summary>
/// <param name="Postcode">The postcode.</param>
/// <param name="Latitude">WGS84 latitude, degrees.</param>
/// <param name="Longitude">WGS84 longitude, degrees.</param>
/// <param name="Ward">Admin ward GSS code.</param>
/// <param name="District">Admin district GSS code: the area places roll up to.</param>
/// <param name="County">Admin county GSS code (empty for unitary authorities).</param>
/// <param name="NhsRegion">NHS regional health authority code.</param>
[GenerateSerializer, Immutable, Alias("streaming.postcode-record.v1")]
public sealed record PostcodeRecord(
    [property: Id(0)] Postcode Postcode,
    [property: Id(1)] double Latitude,
    [property: Id(2)] double Longitude,
    [property: Id(3)] string Ward,
    [property: Id(4)] string District,
    [property: Id(5)] string County,
    [property: Id(6)] string NhsRegion);
