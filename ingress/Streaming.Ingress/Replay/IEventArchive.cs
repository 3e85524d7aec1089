using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// The history of accepted events: everything the grains accepted is appended here before the transport is answered,
/// so a time range can later be exported or replayed through the pure domain.
/// </summary>
public interface IEventArchive
{
    /// <summary>Appends envelopes the grains accepted (whole or in part), in the order they were submitted.</summary>
    Task AppendAsync(IReadOnlyList<EventEnvelope> accepted, CancellationToken cancellationToken = default);
}
