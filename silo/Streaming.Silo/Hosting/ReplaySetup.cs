using Streaming.Domain;
using Streaming.Grains;
using Streaming.Grains.Abstractions;
using Streaming.Ingress;

namespace Streaming.Silo;

/// <summary>The settings a replay runs with, from the silo's own options, so it cleans, links and windows as live did.</summary>
public static class ReplaySetup
{
    /// <summary>Replay settings from the silo's options and place registry.</summary>
    public static ReplaySettings Settings(CleaningOptions cleaning, WindowOptions windows, LinkingOptions linking, IPlaceRegistry places) =>
        new(cleaning, windows, places.Index,
            linking.Sources.ToDictionary(p => p.Key, p => LinkingOptions.ToEntity(p.Value), StringComparer.Ordinal),
            linking.MaxDistanceMetres);
}
