namespace Streaming.Domain;

/// <summary>Great-circle distance on a spherical Earth (haversine), in metres: ample for "nearest place" within a region.</summary>
public static class GeoDistance
{
    /// <summary>Mean Earth radius, metres (IUGG).</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>Distance between two WGS84 points, in metres.</summary>
    public static double Metres(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
