using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Streaming.Domain;

/// <summary>
/// Removes handles from a refused post before it is kept as a dead letter, at any depth: the author (<c>author</c>,
/// Twitter's <c>user</c> and <c>screen_name</c>, <c>name</c>, reply-to names) becomes <c>[redacted]</c>, mention entities
/// are dropped, and every <c>@handle</c> in text becomes <c>@[redacted]</c>. What a post says is kept, so the reason
/// can be understood; who said it is not. A corrected post must be resent by its sender, with its author.
/// </summary>
public static partial class SocialRedaction
{
    private const string Redacted = "[redacted]";

    private static readonly HashSet<string> HandleFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "author", "user", "screen_name", "name", "in_reply_to_screen_name", "in_reply_to_user_id", "in_reply_to_user_id_str", "user_mentions",
    };

    /// <summary>The redacted JSON; bytes that are not JSON are replaced whole, since they cannot be inspected.</summary>
    public static byte[] Redact(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            using var document = JsonDocument.ParseValue(ref reader);
            var buffer = new ArrayBufferWriter<byte>(json.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(document.RootElement, writer);
            }
            return buffer.WrittenSpan.ToArray();
        }
        catch (JsonException)
        {
            return "\"[redacted: not JSON]\""u8.ToArray();
        }
    }

    private static void Write(JsonElement e, Utf8JsonWriter writer)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in e.EnumerateObject())
                {
                    writer.WritePropertyName(p.Name);
                    if (HandleFields.Contains(p.Name))
                    {
                        writer.WriteStringValue(Redacted);
                    }
                    else
                    {
                        Write(p.Value, writer);
                    }
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in e.EnumerateArray())
                {
                    Write(item, writer);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(Handle().Replace(e.GetString()!, "@" + Redacted));
                break;
            default:
                e.WriteTo(writer);
                break;
        }
    }

    // Any @word, whatever the script: broader than a handle on purpose, so nothing that might be one survives.
    [GeneratedRegex(@"@[\p{L}\p{Nd}_]+", RegexOptions.CultureInvariant)]
    private static partial Regex Handle();
}
