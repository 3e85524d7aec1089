namespace Streaming.Domain;

/// <summary>Why one item failed, before it is given its position in the body.</summary>
/// <param name="Reason">Machine-readable reason.</param>
/// <param name="Detail">What was wrong, in words, without the payload's values.</param>
internal sealed record DecodeFault(RejectReason Reason, string Detail)
{
    /// <summary>The rejection for the item at <paramref name="index"/>.</summary>
    internal Rejection At(int index) => new(index, Reason, Detail);
}
