using System.Globalization;

namespace Streaming.Domain;

/// <summary>Reads rows of the open data sets the place registry is built from (the caller reads the files).</summary>
public static class OpenDataPlaces
{
    /// <summary>
    /// A row of OS Code-Point Open with WGS84 columns: Postcode, quality, eastings, northings, country, NHS region,
    /// NHS HA, county, district, ward, lat, lon. Null for a header or a row with an invalid postcode or coordinates.
    /// </summary>
    public static PostcodeRecord? ParseCodePoint(string[] f)
    {
        if (f.Length < 12 || !Postcode.TryParse(f[0], out var postcode)
            || !double.TryParse(f[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(f[11], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            return null;
        }
        return new PostcodeRecord(postcode, lat, lon, Ward: f[9], District: f[8], County: f[7], NhsRegion: f[5]);
    }

    /// <summary>
    /// A row of the NHS ODS GP practice file (epraccur): code, name, grouping, geography, five address lines,
    /// postcode, dates, status… Null for a header row. The postcode is geocoded through <paramref name="postcodes"/>.
    /// </summary>
    public static Place? ParseGpPractice(string[] f, PostcodeDirectory postcodes)
    {
        if (f.Length < 13 || f[0] == "organisation_code" || f[0].Length == 0)
        {
            return null;
        }
        var hasPostcode = Postcode.TryParse(f[9], out var postcode);
        string[] address = [.. f[4..9].Select(a => a.Trim()).Where(a => a.Length > 0)];
        return new Place("ods:" + f[0], "gp-practice", f[1].Trim(), address,
            hasPostcode ? postcode : null, hasPostcode ? postcodes.Find(postcode) : null, f[12]);
    }
}
