namespace Streaming.Ingress;

/// <summary>Where the place registry's open data lives, bound from <c>Places</c>.</summary>
public sealed class PlacesOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Places";

    /// <summary>
    /// Folder holding <c>nhs_ods_gp_practices_epraccur/*.csv</c> and <c>os_codepoint_open_ta_ba_postcodes/*.csv</c>.
    /// Default: <c>data/addresses</c> beside the silo's binaries (the build copies the repository's data there).
    /// </summary>
    public string DataFolder { get; set; } = Path.Combine(AppContext.BaseDirectory, "data", "addresses");

    /// <summary>GP practice file, relative to <see cref="DataFolder"/>.</summary>
    public string PracticesFile { get; set; } = "nhs_ods_gp_practices_epraccur/epraccur_somerset_11X_with_header.csv";

    /// <summary>Code-Point Open file with WGS84 columns, relative to <see cref="DataFolder"/>.</summary>
    public string PostcodesFile { get; set; } = "os_codepoint_open_ta_ba_postcodes/codepoint_open_2014_TA_BA_with_wgs84.csv";
}
