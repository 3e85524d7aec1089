using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// Decodes an ingest-topic message for a replay exactly as the Kafka ingress does (<see cref="KafkaIngressReader"/>: key =
/// default source, <c>content-type</c> = format, the same limits; then <see cref="PayloadDecoding"/>), except that the
/// time received is the message's timestamp rather than now. Images are not replayed (they carry no readings and decoding
/// one stores it again); they are counted.
/// </summary>
public sealed class KafkaReplayDecoder(HttpIngressOptions http, MediaOptions media, IdentifierPolicy identifiers)
{
    private readonly KafkaIngressReader _reader = new(Options.Create(http), Options.Create(media), TimeProvider.System);

    /// <summary>Image messages passed over.</summary>
    public int Images { get; private set; }

    /// <summary>
    /// The message's envelopes (those that decode; what the live ingress dead-lettered is left out again), or null when the
    /// whole message is refused (over the limits).
    /// </summary>
    public IReadOnlyList<EventEnvelope>? Decode(ConsumeResult<string?, byte[]?> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_reader.Read(message, generation: 0).Item is not { } item)
        {
            return null;
        }
        if (item.Format == PayloadFormat.Image)
        {
            Images++;
            return [];
        }
        var at = DateTimeOffset.FromUnixTimeMilliseconds(message.Message.Timestamp.UnixTimestampMs);
        item = item with { Context = item.Context with { Provenance = item.Context.Provenance with { ReceivedAt = at } } };
        return PayloadDecoding.Decode(item, identifiers, media: null).Envelopes;
    }
}
