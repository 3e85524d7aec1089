using Streaming.Domain;

namespace Streaming.Grains.Abstractions;

/// <summary>One source: cleans its events (schema, units, range, duplicates, quality flags) and hands them to entities.</summary>
public interface ISourceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Cleans and applies a batch of this source's events, in order. Returns only once everything accepted is
    /// durable (per the configured storage), so the caller may then acknowledge the sender.
    /// </summary>
    Task<IngestReport> Ingest(EventEnvelope[] batch);

    /// <summary>Health and quality counters.</summary>
    Task<SourceHealth> GetHealth();

    /// <summary>Windows of the posts or images the source sent, of one size, overlapping [from, to), oldest first.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<WindowResult[]> GetWindows(SeriesKey series, TimeSpan size, DateTimeOffset? from, DateTimeOffset? to);

    /// <summary>Registers the source to an entity: its later events update that entity. Replaces any earlier link.</summary>
    Task<SourceLink> Link(EntityKey entity, string reason);

    /// <summary>
    /// Undoes the link: later events update the source's own entity again, whatever configuration says.
    /// Returns the link removed, if any.
    /// </summary>
    Task<SourceLink?> Unlink();
}
