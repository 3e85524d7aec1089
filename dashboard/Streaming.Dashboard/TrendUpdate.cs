namespace Streaming.Dashboard;

/// <summary>
/// One push to one group. <see cref="Windows"/> holds at most <see cref="DashboardOptions.MaxWindowsPerMessage"/> windows
/// (the most recently changed); <see cref="Omitted"/> says how many more changed. The statistics are sent to the
/// <c>system</c> group only, and are null elsewhere; <see cref="Images"/>, <see cref="Alerts"/> and <see cref="TopMetrics"/>
/// only when they changed, <see cref="Sources"/> about once a second. <see cref="Top"/> goes to a <c>top:{kind}/{metric}</c>
/// group only.
/// </summary>
public sealed record TrendUpdate(
    string Group, DateTimeOffset At, IReadOnlyList<TrendWindow> Windows, int Omitted,
    IReadOnlyList<KindRate>? Kinds = null, IReadOnlyList<DeadLetterRate>? DeadLetters = null, IReadOnlyList<AreaSummary>? Areas = null,
    IReadOnlyList<TrendImage>? Images = null)
{
    /// <summary>The sources panel (<c>system</c> only).</summary>
    public SourcePanel? Sources { get; init; }

    /// <summary>Ingest-to-screen latency per kind (<c>system</c> only).</summary>
    public IReadOnlyList<KindLatency>? Latency { get; init; }

    /// <summary>Alerts that fired or were acknowledged, newest first (<c>system</c> only; every kept one in a snapshot).</summary>
    public IReadOnlyList<DashboardAlert>? Alerts { get; init; }

    /// <summary>The newest dead letters of every silo, newest first, when they changed (<c>system</c> only; always in a snapshot).</summary>
    public IReadOnlyList<RecentDeadLetter>? RecentDeadLetters { get; init; }

    /// <summary>The metrics a page may rank entities by, <c>{kind}/{metric}</c> (<c>system</c> only).</summary>
    public IReadOnlyList<string>? TopMetrics { get; init; }

    /// <summary>The top entities of the group's metric (<c>top:{kind}/{metric}</c> only).</summary>
    public TopList? Top { get; init; }
}
