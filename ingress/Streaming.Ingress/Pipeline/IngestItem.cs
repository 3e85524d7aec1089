using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>One body to ingest, with what decoding needs to know about it.</summary>
/// <param name="Body">The raw bytes.</param>
/// <param name="Format">How to decode them.</param>
/// <param name="Context">Provenance, the channel's source and metric, and the limits.</param>
/// <param name="ContentType">The media type the sender declared, kept with any dead letter.</param>
/// <param name="ResubmitOf">The dead letter this body resubmits, if any.</param>
public sealed record IngestItem(ReadOnlyMemory<byte> Body, PayloadFormat Format, DecodeContext Context,
    string? ContentType = null, DeadLetter? ResubmitOf = null);
