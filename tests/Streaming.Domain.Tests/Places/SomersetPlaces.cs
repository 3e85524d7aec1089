namespace Streaming.Domain.Tests;

/// <summary>The real Somerset practices and TA/BA postcodes, read once for the place tests.</summary>
internal static class SomersetPlaces
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "data", "addresses");

    public static readonly Lazy<PostcodeDirectory> Postcodes = new(() => new PostcodeDirectory(
        File.ReadLines(Path.Combine(Folder, "os_codepoint_open_ta_ba_postcodes", "codepoint_open_2014_TA_BA_with_wgs84.csv"))
            .Select(line => OpenDataPlaces.ParseCodePoint(Csv.Split(line))).OfType<PostcodeRecord>()));

    public static readonly Lazy<Place[]> Practices = new(() =>
        [.. File.ReadLines(Path.Combine(Folder, "nhs_ods_gp_practices_epraccur", "epraccur_somerset_11X_with_header.csv"))
            .Select(line => OpenDataPlaces.ParseGpPractice(Csv.Split(line), Postcodes.Value)).OfType<Place>()]);

    public static readonly Lazy<PlaceIndex> Index = new(() => new PlaceIndex(Practices.Value));
}
