namespace Streaming.Domain;

/// <summary>
/// One field of a window that differs: its name as the read API spells it (<c>count</c>, <c>sum</c>, <c>min</c>, <c>max</c>,
/// <c>mean</c>, <c>stddev</c>, <c>p50</c>, <c>p95</c>, <c>p99</c>, <c>topTerms</c>) and both values. For <c>topTerms</c>
/// the values are null: the windows carry the lists.
/// </summary>
/// <param name="Field">The field's name.</param>
/// <param name="Live">The live value.</param>
/// <param name="Sandbox">The sandbox's value.</param>
public sealed record WindowFieldChange(string Field, double? Live, double? Sandbox);
