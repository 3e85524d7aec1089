using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>The only place grain keys are built, so every caller addresses the same activation.</summary>
public static class GrainKeys
{
    /// <summary>The roll-up of the whole system.</summary>
    public const string System = "system";

    /// <summary>Key of a source's grain.</summary>
    public static string Source(SourceId source) => source.Value;

    /// <summary>Key of an entity's grain.</summary>
    public static string Entity(EntityKey entity) => entity.Value;

    /// <summary>Key of the link grain of one system-of-record row.</summary>
    public static string RecordLink(string system, string localId) => $"{system}/{localId}";

    /// <summary>Key of the one grain that remembers recent images from every source, for near-duplicate detection.</summary>
    public const string RecentImages = "recent-images";

    /// <summary>Key of an area's roll-up grain.</summary>
    public static string Area(string area) => "area:" + area;

    /// <summary>The roll-up a roll-up reports to: areas report to the system, the system to nobody.</summary>
    public static string? ParentOf(string rollupKey) => rollupKey == System ? null : System;
}
