namespace Streaming.Domain;

/// <summary>A search or nearest-place hit: the place, how well it matched, and (for nearest) how far it is.</summary>
public sealed record PlaceMatch(Place Place, double Score, double? DistanceMetres);
