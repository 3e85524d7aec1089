namespace Streaming.Dashboard;

/// <summary>
/// One push to one group. <see cref="Windows"/> holds at most <see cref="DashboardOptions.MaxWindowsPerMessage"/> windows
/// (the most recently changed); <see cref="Omitted"/> says how many more changed. The statistics are sent to the
/// <c>system</c> group only, and are null elsewhere; <see cref="Images"/> only when they changed.
/// </summary>
public sealed record TrendUpdate(
    string Group, DateTimeOffset At, IReadOnlyList<TrendWindow> Windows, int Omitted,
    IReadOnlyList<KindRate>? Kinds = null, IReadOnlyList<DeadLetterRate>? DeadLetters = null, IReadOnlyList<AreaSummary>? Areas = null,
    IReadOnlyList<TrendImage>? Images = null);
