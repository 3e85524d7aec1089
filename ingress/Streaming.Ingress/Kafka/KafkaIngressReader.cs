using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// Turns a consumed message into what the pipeline ingests: key = default source, header <c>content-type</c> = format,
/// provenance = topic, partition and offset. A value over the HTTP body limit, or a key too long to be a source id, is refused.
/// </summary>
internal sealed class KafkaIngressReader(IOptions<HttpIngressOptions> http, IOptions<MediaOptions> media, TimeProvider time)
{
    /// <summary>The media type of records on a Kafka topic (sensor JSON and SenML have their own).</summary>
    public const string RecordContentType = "application/vnd.streaming.record+json";

    /// <summary>The media type of social posts on a Kafka topic.</summary>
    public const string SocialContentType = "application/vnd.streaming.social+json";

    // Evidence kept from an oversized value: enough to see what it was, never the whole of it.
    private const int OversizeEvidenceBytes = 1024;

    public KafkaIngressEntry Read(ConsumeResult<string?, byte[]?> result, int generation)
    {
        var receivedAt = time.GetUtcNow();
        var provenance = new Provenance(Transport.Kafka, result.Topic, result.Partition.Value, result.Offset.Value, null, receivedAt);
        var contentType = ContentType(result.Message.Headers);
        var body = result.Message.Value ?? [];
        var key = result.Message.Key is { Length: > 0 } k ? k : null;
        var format = Format(contentType);
        var limits = new DecodeLimits
        {
            MaxBodyBytes = format == PayloadFormat.Image ? media.Value.MaxBytes : http.Value.MaxBodyBytes,
            MaxEventsPerBody = http.Value.MaxEventsPerRequest,
        };
        if (body.Length > limits.MaxBodyBytes || key?.Length > limits.MaxIdentifierLength)
        {
            var detail = body.Length > limits.MaxBodyBytes
                ? $"value is {body.Length} bytes; the limit is {limits.MaxBodyBytes} (first {Math.Min(body.Length, OversizeEvidenceBytes)} bytes kept)"
                : $"key is {key!.Length} characters; a source id has at most {limits.MaxIdentifierLength}";
            var letter = new DeadLetter(Guid.NewGuid().ToString("N"), DeadLetterStage.Decode, nameof(RejectReason.TooLarge), detail,
                provenance, body.AsSpan(0, Math.Min(body.Length, OversizeEvidenceBytes)).ToArray(), contentType,
                key?.Length > limits.MaxIdentifierLength ? null : key, null, receivedAt, 1);
            return new KafkaIngressEntry(result.TopicPartitionOffset, generation, null, letter);
        }
        var context = new DecodeContext(provenance, key is null ? null : new SourceId(key), null, limits);
        var item = new IngestItem(body, format, context, contentType ?? (format == PayloadFormat.SenML ? PayloadSniffer.SenMLContentType : "application/json"));
        return new KafkaIngressEntry(result.TopicPartitionOffset, generation, item, null);
    }

    private static PayloadFormat Format(string? contentType) =>
        contentType?.StartsWith(PayloadSniffer.SenMLContentType, StringComparison.OrdinalIgnoreCase) == true ? PayloadFormat.SenML
        : contentType?.StartsWith(RecordContentType, StringComparison.OrdinalIgnoreCase) == true ? PayloadFormat.Record
        : contentType?.StartsWith(SocialContentType, StringComparison.OrdinalIgnoreCase) == true ? PayloadFormat.Social
        : contentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true ? PayloadFormat.Image
        : PayloadFormat.SensorJson;

    private static string? ContentType(Headers? headers) =>
        headers is not null && headers.TryGetLastBytes("content-type", out var value) && value is not null ? Encoding.UTF8.GetString(value) : null;
}
