using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// The settings a replay runs the pure domain with; the silo passes its own, so a replay cleans, links and windows as
/// the live run did. <paramref name="SourceLinks"/> are the registrations from configuration (<c>Linking:Sources</c>).
/// </summary>
public sealed record ReplaySettings(CleaningOptions Cleaning, WindowOptions Windows, PlaceIndex Places,
    IReadOnlyDictionary<string, EntityKey> SourceLinks, double MaxDistanceMetres);
