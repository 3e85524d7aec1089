namespace Streaming.Grains.Abstractions;

/// <summary>
/// What a sandbox holds: the replayed range [<paramref name="From"/>, <paramref name="To"/>) with its filters (empty: all),
/// the setting overrides it ran with, its newest run and the owners (entity keys, <c>area:…</c>, <c>system</c>) whose
/// windows it stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("streaming.sandbox-info.v1")]
public sealed record SandboxInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] string[] Sources,
    [property: Id(4)] string[] Kinds,
    [property: Id(5)] string[] Metrics,
    [property: Id(6)] Dictionary<string, string> Settings,
    [property: Id(7)] string RunId,
    [property: Id(8)] SandboxRunState State,
    [property: Id(9)] DateTimeOffset StartedAt)
{
    /// <summary>When the run ended, if it has.</summary>
    [Id(10)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Archived events the run read.</summary>
    [Id(11)] public long Events { get; init; }

    /// <summary>Windows stored over all owners.</summary>
    [Id(12)] public long Windows { get; init; }

    /// <summary>The owners whose windows are stored, in order.</summary>
    [Id(13)] public string[] Owners { get; init; } = [];

    /// <summary>Why the run failed, when it did.</summary>
    [Id(14)] public string? Error { get; init; }
}
