using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>
/// What one silo's grains produced for the dashboards since its previous digest, pre-aggregated in that silo
/// (<see cref="FeedCollector"/>) so a digest's size is bounded by what changed, not by the events: counts per kind, receive
/// times to the millisecond, the newest revision of each changed area, system or watched entity window, new images and
/// alerts; about once a second the silo's sources panel and dead-letter rates; in a <see cref="Full"/> digest (every few seconds) also its top
/// lists, metrics and dead letters whether or not they changed, so a dashboard that starts late catches up.
/// </summary>
[GenerateSerializer, Immutable, Alias("streaming.dashboard.digest.v1")]
public sealed record SiloDigest([property: Id(0)] string Silo, [property: Id(1)] DateTimeOffset At, [property: Id(2)] bool Full)
{
    /// <summary>Clean events by kind since the previous digest.</summary>
    [Id(3)] public Dictionary<string, long> EventsByKind { get; init; } = [];

    /// <summary>Clean events by kind and receive time (Unix milliseconds), for the ingest-to-screen latency.</summary>
    [Id(4)] public ReceiveCount[] Received { get; init; } = [];

    /// <summary>The newest revision of each window that changed, of areas, the system and the entities someone watches.</summary>
    [Id(5)] public OwnedWindow[] Windows { get; init; } = [];

    /// <summary>Images accepted since the previous digest, newest first (in a full digest the silo's newest).</summary>
    [Id(6)] public TrendImage[] Images { get; init; } = [];

    /// <summary>Alerts fired since the previous digest.</summary>
    [Id(7)] public DashboardAlert[] Alerts { get; init; } = [];

    /// <summary>The silo's sources panel, about once a second; else null.</summary>
    [Id(8)] public SourcePanel? Sources { get; init; }

    /// <summary>The silo's top lists that changed (every one in a full digest); else null.</summary>
    [Id(9)] public TopList[]? Top { get; init; }

    /// <summary>The metrics the silo ranks entities by, when they changed (always in a full digest); else null.</summary>
    [Id(10)] public string[]? Metrics { get; init; }

    /// <summary>The silo's dead letters by stage and reason in the last minute and since it started, with <see cref="Sources"/>.</summary>
    [Id(11)] public DeadLetterRate[]? DeadLetters { get; init; }

    /// <summary>The silo's newest dead letters (without their payloads), when they changed (always in a full digest).</summary>
    [Id(12)] public RecentDeadLetter[]? RecentDeadLetters { get; init; }
}

/// <summary>Clean events of one kind received in one millisecond (Unix time).</summary>
[GenerateSerializer, Immutable, Alias("streaming.dashboard.receive-count.v1")]
public readonly record struct ReceiveCount([property: Id(0)] string Kind, [property: Id(1)] long Ms, [property: Id(2)] int Count);

/// <summary>A window and the grain output it belongs to (an entity key, <c>area:{id}</c> or <c>system</c>).</summary>
[GenerateSerializer, Immutable, Alias("streaming.dashboard.owned-window.v1")]
public sealed record OwnedWindow([property: Id(0)] string Owner, [property: Id(1)] WindowResult Window);

/// <summary>A recent dead letter as the page lists it (never its payload), and the silo that holds it for a resubmit.</summary>
[GenerateSerializer, Immutable, Alias("streaming.dashboard.recent-dead-letter.v1")]
public sealed record RecentDeadLetter(
    [property: Id(0)] string Id, [property: Id(1)] DateTimeOffset FirstSeen, [property: Id(2)] string? Source, [property: Id(3)] string Stage,
    [property: Id(4)] string Reason, [property: Id(5)] string Detail, [property: Id(6)] string Silo);
