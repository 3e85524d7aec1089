using Streaming.Domain;

namespace Streaming.Grains;

/// <summary>Source registrations from configuration, bound from <c>Linking</c>.</summary>
public sealed class LinkingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Linking";

    /// <summary>
    /// Source id → what it is installed at: a place id (<c>ods:L85001</c>) or an entity key (<c>place:ods:L85001</c>).
    /// Applies to a source the API has not linked or unlinked.
    /// </summary>
    public Dictionary<string, string> Sources { get; set; } = [];

    /// <summary>How far from a place an event's coordinates may be and still link to it, in metres. Default 250.</summary>
    public double MaxDistanceMetres { get; set; } = 250;

    /// <summary>The entity key a configured target stands for.</summary>
    public static EntityKey ToEntity(string target) =>
        new(target.Contains(':', StringComparison.Ordinal) && !target.StartsWith("ods:", StringComparison.OrdinalIgnoreCase) ? target : "place:" + target);
}
