using System.Buffers;
using System.Text.Json;

namespace Streaming.Domain;

/// <summary>
/// Removes personal identifiers from a refused record before it is kept as a dead letter: every property whose
/// name the <see cref="IdentifierPolicy"/> marks, and every value that passes the NHS number check, at any depth,
/// becomes <c>[redacted]</c>.
/// </summary>
public static class RecordRedaction
{
    /// <summary>The redacted JSON; bytes that are not JSON are replaced whole, since they cannot be inspected.</summary>
    public static byte[] Redact(ReadOnlySpan<byte> json, IdentifierPolicy policy)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            using var document = JsonDocument.ParseValue(ref reader);
            var buffer = new ArrayBufferWriter<byte>(json.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(document.RootElement, writer, policy);
            }
            return buffer.WrittenSpan.ToArray();
        }
        catch (JsonException)
        {
            // Unparseable, so it cannot be shown to be free of identifiers: keep nothing of it.
            return "\"[redacted: not JSON]\""u8.ToArray();
        }
    }

    private static void Write(JsonElement e, Utf8JsonWriter writer, IdentifierPolicy policy)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in e.EnumerateObject())
                {
                    writer.WritePropertyName(p.Name);
                    if (policy.IsNhsNumber(p.Name))
                    {
                        writer.WriteStringValue("[redacted]");
                    }
                    else
                    {
                        Write(p.Value, writer, policy);
                    }
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in e.EnumerateArray())
                {
                    Write(item, writer, policy);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String or JsonValueKind.Number when NhsNumber.IsValid(e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()):
                // Whatever the field is called: a value that passes the NHS number check is treated as one.
                writer.WriteStringValue("[redacted]");
                break;
            default:
                e.WriteTo(writer);
                break;
        }
    }
}
