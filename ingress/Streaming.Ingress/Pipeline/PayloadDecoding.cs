using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>How a body becomes envelopes by its format: what every transport and the Kafka replay decode with.</summary>
public static class PayloadDecoding
{
    /// <summary>
    /// Decodes <paramref name="item"/>; records and posts get <paramref name="identifiers"/>. An image needs
    /// <paramref name="media"/> (it stores the image); without one an image decodes to nothing.
    /// </summary>
    public static DecodeResult Decode(IngestItem item, IdentifierPolicy identifiers, MediaDecoder? media) => item.Format switch
    {
        PayloadFormat.SenML => SenMLDecoder.Decode(item.Body.Span, item.Context),
        PayloadFormat.Record => RecordJsonDecoder.Decode(item.Body.Span, item.Context with { Identifiers = identifiers }),
        PayloadFormat.Social => SocialJsonDecoder.Decode(item.Body.Span, item.Context with { Identifiers = identifiers }),
        PayloadFormat.Image => media?.Decode(item.Body, item.Context, item.ContentType) ?? new DecodeResult([], []),
        _ => SensorJsonDecoder.Decode(item.Body.Span, item.Context),
    };
}
