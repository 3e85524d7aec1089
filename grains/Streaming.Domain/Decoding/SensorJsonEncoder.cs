using System.Buffers;
using System.Text.Json;

namespace Streaming.Domain;

/// <summary>Writes a sensor envelope back as our sensor JSON, so a refused event can be read, corrected and resubmitted.</summary>
public static class SensorJsonEncoder
{
    /// <summary>The envelope as one sensor JSON object that <see cref="SensorJsonDecoder"/> reads back to the same event.</summary>
    public static byte[] Encode(EventEnvelope envelope)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", envelope.Id.Value);
            json.WriteString("source", envelope.Source.Value);
            if (envelope.Entity is { } entity)
            {
                json.WriteString("entity", entity.Value);
            }
            json.WriteString("time", envelope.EventTime.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            if (envelope.Sequence is { } seq)
            {
                json.WriteNumber("seq", seq);
            }
            var readings = envelope.Payload is SensorPayload sensor ? sensor.Readings : [];
            json.WriteStartObject("readings");
            foreach (var r in readings)
            {
                if (double.IsFinite(r.Value))
                {
                    json.WriteNumber(r.Metric, r.Value);
                }
                else
                {
                    // JSON has no NaN or infinity; the string keeps what was sent visible (and is refused again as WrongType).
                    json.WriteString(r.Metric, r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            json.WriteEndObject();
            json.WriteStartObject("unit");
            foreach (var r in readings.Where(r => r.Unit is not null))
            {
                json.WriteString(r.Metric, r.Unit);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
