using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>The known places (GP practices and the like) and postcodes, loaded once per silo from open data.</summary>
public interface IPlaceRegistry
{
    /// <summary>Search and nearest-place over the places.</summary>
    PlaceIndex Index { get; }

    /// <summary>Postcode units with their locations and administrative areas.</summary>
    PostcodeDirectory Postcodes { get; }

    /// <summary>A place by id (<c>ods:L85001</c>), if known.</summary>
    Place? Find(string id);
}
