namespace Streaming.Domain;

/// <summary>A reading's identity within a source: metric and event time.</summary>
[GenerateSerializer, Immutable, Alias("streaming.reading-key.v1")]
public readonly record struct ReadingKey([property: Id(0)] string Metric, [property: Id(1)] long UtcTicks) : IDedupeKey<ReadingKey>
{
    /// <inheritdoc />
    public static void Write(BinaryWriter writer, ReadingKey key)
    {
        writer.Write(key.Metric);
        writer.Write(key.UtcTicks);
    }

    /// <inheritdoc />
    public static ReadingKey Read(BinaryReader reader) => new(MetricCatalog.Shared(reader.ReadString()), reader.ReadInt64());
}
