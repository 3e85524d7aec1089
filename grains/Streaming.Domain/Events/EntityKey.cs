namespace Streaming.Domain;

/// <summary>
/// The real-world thing an event describes. Until a source is linked to another entity,
/// a source is its own entity: <c>source:{id}</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("streaming.entity-key.v1")]
public readonly record struct EntityKey([property: Id(0)] string Value)
{
    /// <summary>The entity a source stands for until it is linked to something else.</summary>
    public static EntityKey ForSource(SourceId source) => new("source:" + source.Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
