namespace Streaming.Domain;

/// <summary>
/// What a decoder made of one body: the envelopes it could build and one rejection per item it could not.
/// A body that fails as a whole yields no envelopes and a single rejection with index -1.
/// </summary>
/// <param name="Envelopes">Decoded events, in input order.</param>
/// <param name="Rejections">Items that could not be decoded, with their index in the body.</param>
public sealed record DecodeResult(IReadOnlyList<EventEnvelope> Envelopes, IReadOnlyList<Rejection> Rejections)
{
    /// <summary>A body that could not be read at all.</summary>
    public static DecodeResult Failed(RejectReason reason, string detail) => new([], [new Rejection(-1, reason, detail)]);
}
