using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Confluent.Kafka;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress;

/// <summary>
/// Builds output messages in CloudEvents 1.0 Kafka binary mode: the attributes as <c>ce_*</c> headers, the data as
/// the JSON value, <c>content-type: application/json</c>.
/// </summary>
internal static class CloudEventMessages
{
    public const string TypePrefix = "org.nhs.streaming.";
    public const string TruncatedHeader = "streaming-payload-truncated";
    private static readonly byte[] SpecVersion = "1.0"u8.ToArray();
    private static readonly byte[] Json = "application/json"u8.ToArray();
    private static readonly byte[] CleanType = TypeOf("clean.v1");
    private static readonly byte[] WindowType = TypeOf("window.v1");
    private static readonly byte[] EntityType = TypeOf("entity.v1");
    private static readonly byte[] AlertType = TypeOf("alert.v1");
    private static readonly byte[] DeadLetterType = TypeOf("deadletter.v1");

    public static Message<string?, byte[]> Clean(CleanEvent e) =>
        Create(e.Entity.Value, CleanEventMessage.From(e), KafkaJsonContext.Default.CleanEventMessage,
            e.Id.Value, $"/streaming/{Segment(e.Source.Value)}", CleanType, e.EventTime);

    public static Message<string?, byte[]> Window(string owner, WindowResult w)
    {
        var value = WindowMessage.From(owner, w);
        return Create(owner, value, KafkaStatisticsJsonContext.Default.WindowMessage, value.Id, $"/streaming/rollup/{Segment(owner)}", WindowType, w.End);
    }

    public static Message<string?, byte[]> Entity(EntitySnapshot s) =>
        Create(s.Key, s, KafkaJsonContext.Default.EntitySnapshot, $"{s.Key}/{s.EventsApplied}", $"/streaming/entity/{Segment(s.Key)}",
            EntityType, s.LastReceivedAt ?? DateTimeOffset.UnixEpoch);

    public static Message<string?, byte[]> Alert(Alert alert)
    {
        var value = AlertMessage.From(alert);
        return Create(alert.Entity, value, KafkaStatisticsJsonContext.Default.AlertMessage, alert.Id, $"/streaming/alert/{Segment(alert.Entity)}", AlertType, alert.FiredAt);
    }

    public static Message<string?, byte[]> DeadLetter(DeadLetter letter, int maxPayloadBytes)
    {
        var original = letter.Payload.Length;
        var cut = original > maxPayloadBytes ? letter with { Payload = letter.Payload[..maxPayloadBytes] } : letter;
        var message = Create(letter.Source, cut, KafkaJsonContext.Default.DeadLetter, letter.Id,
            $"/streaming/deadletter/{letter.Stage.ToString().ToLowerInvariant()}", DeadLetterType, letter.FirstSeen);
        if (cut != letter)
        {
            message.Headers.Add(TruncatedHeader, Encoding.UTF8.GetBytes(original.ToString(CultureInfo.InvariantCulture)));
        }
        return message;
    }

    private static Message<string?, byte[]> Create<T>(string? key, T value, JsonTypeInfo<T> type, string id, string source, byte[] eventType, DateTimeOffset time) =>
        new()
        {
            Key = key,
            Value = JsonSerializer.SerializeToUtf8Bytes(value, type),
            Headers = new Headers
            {
                { "ce_specversion", SpecVersion },
                { "ce_id", Encoding.UTF8.GetBytes(id) },
                { "ce_source", Encoding.UTF8.GetBytes(source) },
                { "ce_type", eventType },
                { "ce_time", Utf8Time(time) },
                { "content-type", Json },
            },
        };

    private static byte[] TypeOf(string eventType) => Encoding.UTF8.GetBytes(TypePrefix + eventType);

    // UTC to the millisecond, written straight as UTF-8 rather than through a string.
    private static byte[] Utf8Time(DateTimeOffset time)
    {
        Span<byte> text = stackalloc byte[32];
        time.UtcDateTime.TryFormat(text, out var written, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        return text[..written].ToArray();
    }

    // ce_source is a URI reference: escape what a URI path segment cannot hold, but keep the ':' of entity keys readable.
    private static string Segment(string value) => Uri.EscapeDataString(value).Replace("%3A", ":", StringComparison.Ordinal);
}
