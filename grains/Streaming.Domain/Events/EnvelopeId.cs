namespace Streaming.Domain;

/// <summary>The dedupe key of one event: unique per source, stable across redelivery.</summary>
[GenerateSerializer, Immutable, Alias("streaming.envelope-id.v1")]
public readonly record struct EnvelopeId([property: Id(0)] string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
