using System.Text.Json;

namespace Streaming.Ingress;

/// <summary>Tells SenML from our sensor JSON on <c>sensors/{source}</c>, where no HTTP content type says which it is.</summary>
public static class PayloadSniffer
{
    /// <summary>The SenML JSON media type (RFC 8428), also accepted as the MQTT 5 content type.</summary>
    public const string SenMLContentType = "application/senml+json";

    // RFC 8428 labels; our sensor JSON uses none of them (it spells out "source", "time", "readings", "value").
    private static readonly HashSet<string> SenMLLabels = new(StringComparer.Ordinal)
    {
        "bn", "bt", "bu", "bv", "bs", "bver", "n", "u", "v", "vs", "vb", "vd", "s", "t", "ut",
    };

    /// <summary>SenML when the content type says so, or when the body is an array whose first object has a SenML label.</summary>
    public static PayloadFormat Detect(ReadOnlySpan<byte> body, string? contentType)
    {
        if (contentType?.StartsWith(SenMLContentType, StringComparison.OrdinalIgnoreCase) == true)
        {
            return PayloadFormat.SenML;
        }
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return PayloadFormat.SensorJson;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (SenMLLabels.Contains(reader.GetString()!))
                {
                    return PayloadFormat.SenML;
                }
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON (or cut short): the sensor JSON decoder rejects it with a precise reason and dead-letters it.
            return PayloadFormat.SensorJson;
        }
        catch (InvalidOperationException)
        {
            // A property name that is not valid UTF-8 or escapes half a surrogate: likewise, the decoder explains.
            return PayloadFormat.SensorJson;
        }
        return PayloadFormat.SensorJson;
    }
}
