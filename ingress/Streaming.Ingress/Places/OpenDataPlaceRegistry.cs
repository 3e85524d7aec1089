using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress;

/// <summary>The place registry read from the open data files at start-up (NHS ODS practices, OS Code-Point Open postcodes).</summary>
public sealed partial class OpenDataPlaceRegistry : IPlaceRegistry
{
    private readonly Dictionary<string, Place> _byId;

    /// <summary>Reads the files named by <paramref name="options"/>; a missing file fails start-up with its path.</summary>
    public OpenDataPlaceRegistry(IOptions<PlacesOptions> options, ILogger<OpenDataPlaceRegistry> logger)
    {
        var o = options.Value;
        Postcodes = new PostcodeDirectory(ReadLines(o.DataFolder, o.PostcodesFile).Select(l => OpenDataPlaces.ParseCodePoint(Csv.Split(l))).OfType<PostcodeRecord>());
        var places = ReadLines(o.DataFolder, o.PracticesFile).Select(l => OpenDataPlaces.ParseGpPractice(Csv.Split(l), Postcodes)).OfType<Place>().ToList();
        Index = new PlaceIndex(places);
        _byId = places.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        LogLoaded(logger, places.Count, places.Count(p => p.Location is not null), Postcodes.Count);
    }

    /// <inheritdoc />
    public PlaceIndex Index { get; }

    /// <inheritdoc />
    public PostcodeDirectory Postcodes { get; }

    /// <inheritdoc />
    public Place? Find(string id) => _byId.GetValueOrDefault(id);

    private static IEnumerable<string> ReadLines(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? File.ReadLines(path)
            : throw new FileNotFoundException($"Place data not found at {path}; set {PlacesOptions.Section}:{nameof(PlacesOptions.DataFolder)}.", path);
    }

    [LoggerMessage(1401, LogLevel.Information, "Place registry: {Places} places ({Geocoded} geocoded), {Postcodes} postcodes")]
    private static partial void LogLoaded(ILogger logger, int places, int geocoded, int postcodes);
}
