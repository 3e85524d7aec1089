namespace Streaming.Domain;

/// <summary>
/// One term's count from a <see cref="HeavyHitters"/> sketch: the true count <c>f</c> satisfies
/// <c><see cref="Count"/> ≤ f ≤ <see cref="Count"/> + <see cref="MaxError"/></c>.
/// </summary>
/// <param name="Term">The term (a case-folded hashtag, for trends).</param>
/// <param name="Count">Lower bound of the count: the sketch's estimate.</param>
/// <param name="MaxError">How far the true count may exceed <see cref="Count"/>; the same for every term of one sketch.</param>
[GenerateSerializer, Immutable, Alias("streaming.term-count.v1")]
public sealed record TermCount([property: Id(0)] string Term, [property: Id(1)] long Count, [property: Id(2)] long MaxError)
{
    /// <summary>Upper bound of the count.</summary>
    public long UpperBound => Count + MaxError;
}
