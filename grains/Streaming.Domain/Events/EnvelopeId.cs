namespace Streaming.Domain;

/// <summary>The dedupe key of one event: unique per source, stable across redelivery.</summary>
[GenerateSerializer, Immutable, Alias("streaming.envelope-id.v1")]
public readonly record struct EnvelopeId([property: Id(0)] string Value) : IDedupeKey<EnvelopeId>
{
    /// <inheritdoc />
    public override string ToString() => Value;

    /// <inheritdoc />
    public static void Write(BinaryWriter writer, EnvelopeId key) => writer.Write(key.Value);

    /// <inheritdoc />
    public static EnvelopeId Read(BinaryReader reader) => new(reader.ReadString());
}
