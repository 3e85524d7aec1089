using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Silo;

/// <summary>
/// Compares a completed sandbox with live, owner by owner (every entity and roll-up the sandbox has) and window by window,
/// through <see cref="WindowDiff"/>. The series compared are those the sandbox has anywhere plus those the live system
/// roll-up has within the sandbox's kinds and metrics, at every size either has, so a series a changed rule emptied still
/// shows. Entities are compared bit for bit; roll-ups with <see cref="WindowDiff.RollupTolerance"/> on sum, mean and stddev.
/// </summary>
public static class SandboxDiff
{
    /// <summary>The diff of <paramref name="info"/> against live, each list cut at <paramref name="limit"/>.</summary>
    public static async Task<SandboxDiffView> ComputeAsync(IGrainFactory grains, SandboxInfo info, int limit)
    {
        var rollups = info.Sources.Length == 0;
        var owners = info.Owners.Where(o => rollups || !IsRollup(o)).ToList();
        var stored = await Task.WhenAll(owners.Select(o => grains.GetGrain<ISandboxWindowsGrain>(SandboxKeys.Windows(info.Name, o)).GetAll()));
        var plan = new Ingress.ReplayPlan(info.From, info.To, info.Sources, [], info.Metrics);
        var liveSeries = (await grains.GetGrain<IRollupGrain>(GrainKeys.System).GetLatest())
            .Where(w => (info.Kinds.Length == 0 || info.Kinds.Contains(w.Series.Kind.ToString(), StringComparer.OrdinalIgnoreCase))
                && plan.IncludesMetric(w.Series.Metric))
            .Select(w => (w.Series, w.Size));
        var series = stored.SelectMany(ws => ws.Select(w => (w.Series, w.Size))).Concat(liveSeries).Distinct().ToList();
        var comparisons = await Task.WhenAll(owners.Select(async (owner, i) =>
        {
            var live = await Task.WhenAll(series.Select(s => Live(grains, owner, s.Series, s.Size, info)));
            return WindowDiff.Compare(owner, live.SelectMany(w => w), stored[i], info.From, info.To,
                IsRollup(owner) ? WindowDiff.RollupTolerance : 0);
        }));
        var changes = comparisons.SelectMany(c => c.Changes).ToList();
        WindowChangeView[] Of(WindowChangeKind kind) => [.. changes.Where(c => c.Kind == kind).Take(limit).Select(WindowChangeView.From)];
        return new SandboxDiffView(info.Name, info.From, info.To, rollups, WindowDiffSummary.Of(comparisons),
            Of(WindowChangeKind.Changed), Of(WindowChangeKind.OnlyInSandbox), Of(WindowChangeKind.OnlyInLive),
            changes.CountBy(c => c.Kind).Any(p => p.Value > limit));
    }

    private static bool IsRollup(string owner) => owner == GrainKeys.System || owner.StartsWith("area:", StringComparison.Ordinal);

    private static Task<WindowResult[]> Live(IGrainFactory grains, string owner, SeriesKey series, TimeSpan size, SandboxInfo info) =>
        IsRollup(owner)
            ? grains.GetGrain<IRollupGrain>(owner).GetWindows(series, size, info.From, info.To)
            : grains.GetGrain<IEntityQueryGrain>(owner).GetWindows(series, size, info.From, info.To);
}
