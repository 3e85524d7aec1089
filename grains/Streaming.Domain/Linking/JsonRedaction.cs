using System.Buffers;
using System.Text.Json;

namespace Streaming.Domain;

/// <summary>
/// Rewrites refused JSON before it is kept as a dead letter, at any depth: a property the rule names has its whole value
/// replaced by <see cref="Redacted"/>, and a value the rule rewrites is replaced by what it returns. Bytes that are not
/// JSON are replaced whole, since they cannot be shown to be free of what must not be kept.
/// </summary>
internal static class JsonRedaction
{
    /// <summary>What a redacted value becomes.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>
    /// The rewritten JSON. <paramref name="redactProperty"/> says which property names to redact whole;
    /// <paramref name="rewriteValue"/> gives a string or number its replacement, or null to keep it as it was.
    /// </summary>
    public static byte[] Rewrite(ReadOnlySpan<byte> json, Func<string, bool> redactProperty, Func<JsonElement, string?> rewriteValue)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            using var document = JsonDocument.ParseValue(ref reader);
            var buffer = new ArrayBufferWriter<byte>(json.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(document.RootElement, writer, redactProperty, rewriteValue);
            }
            return buffer.WrittenSpan.ToArray();
        }
        catch (JsonException)
        {
            return "\"[redacted: not JSON]\""u8.ToArray();
        }
    }

    private static void Write(JsonElement e, Utf8JsonWriter writer, Func<string, bool> redactProperty, Func<JsonElement, string?> rewriteValue)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in e.EnumerateObject())
                {
                    writer.WritePropertyName(p.Name);
                    if (redactProperty(p.Name))
                    {
                        writer.WriteStringValue(Redacted);
                    }
                    else
                    {
                        Write(p.Value, writer, redactProperty, rewriteValue);
                    }
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in e.EnumerateArray())
                {
                    Write(item, writer, redactProperty, rewriteValue);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String or JsonValueKind.Number when rewriteValue(e) is { } replacement:
                writer.WriteStringValue(replacement);
                break;
            default:
                e.WriteTo(writer);
                break;
        }
    }
}
