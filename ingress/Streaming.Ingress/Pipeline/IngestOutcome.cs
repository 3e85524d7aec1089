using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress;

/// <summary>What became of one body: what decoding made of it, what the grains reported, and every dead letter posted.</summary>
/// <param name="Decoded">The decoder's result.</param>
/// <param name="Report">The grains' report on the decoded events.</param>
/// <param name="DeadLetters">One per refused item or reading, already posted.</param>
public sealed record IngestOutcome(DecodeResult Decoded, IngestReport Report, IReadOnlyList<DeadLetter> DeadLetters)
{
    /// <summary>The body as a whole could not be decoded (nothing in it reached the grains).</summary>
    public Rejection? BodyRejection => Decoded.Envelopes.Count == 0 && Decoded.Rejections is [{ Index: -1 } whole] ? whole : null;

    /// <summary>Events with at least one reading accepted.</summary>
    public int Accepted => Report.Accepted;

    /// <summary>Items refused whole, at decoding or in the grains.</summary>
    public int Rejected => Report.Rejected + Decoded.Rejections.Count;
}
