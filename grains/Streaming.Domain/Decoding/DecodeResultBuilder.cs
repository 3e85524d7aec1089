namespace Streaming.Domain;

/// <summary>Collects a body's envelopes and rejections in input order.</summary>
internal sealed class DecodeResultBuilder
{
    private readonly List<EventEnvelope> _envelopes = [];
    private readonly List<Rejection> _rejections = [];

    /// <summary>Adds an envelope.</summary>
    internal void Accept(EventEnvelope envelope) => _envelopes.Add(envelope);

    /// <summary>Adds the rejection of the item at <paramref name="index"/>.</summary>
    internal void Reject(int index, DecodeFault fault) => _rejections.Add(fault.At(index));

    /// <summary>The result so far.</summary>
    internal DecodeResult Build() => new(_envelopes, _rejections);
}
