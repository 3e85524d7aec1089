namespace Streaming.Domain;

/// <summary>One image remembered by a <see cref="NearDuplicateIndex"/>.</summary>
/// <param name="Hash">Its 64-bit <see cref="PerceptualHash"/>.</param>
/// <param name="ContentHash">SHA-256 of its bytes, lower-case hex.</param>
/// <param name="Source">Who sent it.</param>
/// <param name="Time">Its event time.</param>
[GenerateSerializer, Immutable, Alias("streaming.near-duplicate-entry.v1")]
public sealed record NearDuplicateEntry(
    [property: Id(0)] ulong Hash,
    [property: Id(1)] string ContentHash,
    [property: Id(2)] string Source,
    [property: Id(3)] DateTimeOffset Time);
