using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Silo;

/// <summary>Writes the platform's id types (<c>EntityKey</c>, <c>SourceId</c>, <c>EnvelopeId</c>) as plain JSON strings.</summary>
internal sealed class IdJsonConverter<T>(Func<T, string> read, Func<string, T> create) : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        create(reader.GetString() ?? throw new JsonException("an id must be a string"));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(read(value));
}
