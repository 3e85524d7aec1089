using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// A sandbox run, in memory and without grains: the archive's events of a plan through the pure pipeline the grains use
/// (<see cref="DomainReplay"/>: linking, cleaning, entity windows) and the roll-ups to area and system
/// (<see cref="SandboxRollups"/>), with the sandbox's own settings. When the range is done every window is made final, as
/// an idle timeout would live. Only series of the plan's metrics are kept (all when it names none).
/// </summary>
public sealed class SandboxReplay(string archiveFolder, ReplaySettings settings, TimeProvider time)
{
    /// <summary>Most events per second (see <see cref="ReplayExporter.MaxEventsPerSecond"/>); null for as fast as it goes.</summary>
    public double? MaxEventsPerSecond { get; init; }

    /// <summary>Runs the plan; cancellation stops it between chunks of events.</summary>
    public async Task<SandboxResult> RunAsync(ReplayPlan plan, IProgress<ReplayProgress>? progress, CancellationToken cancellationToken = default)
    {
        var rollups = new SandboxRollups(settings.Windows, settings.Places, time);
        var domain = new DomainReplay(settings) { Rollups = rollups };
        var run = await new ReplayExporter(archiveFolder, settings, time) { MaxEventsPerSecond = MaxEventsPerSecond }
            .RunAsync(plan, domain, NullReplayWriter.Instance, progress, cancellationToken);
        var owners = new List<SandboxOwner>();
        var scratch = new List<WindowResult>();
        foreach (var (entity, state) in domain.Entities.OrderBy(e => e.Key.Value, StringComparer.Ordinal))
        {
            state.Windows.CloseAll(settings.Windows, scratch);
            Add(owners, entity.Value, state.Windows, plan);
        }
        foreach (var (owner, windows) in rollups.Close())
        {
            Add(owners, owner, windows, plan);
        }
        return new SandboxResult(run.Events, run.Rows, run.SkippedLines, owners);
    }

    private static void Add(List<SandboxOwner> owners, string owner, WindowSet set, ReplayPlan plan)
    {
        WindowResult[] windows = [.. set.Series.Keys.Where(k => plan.IncludesMetric(k.Series.Metric))
            .OrderBy(k => k.Series.Kind).ThenBy(k => k.Series.Metric, StringComparer.Ordinal).ThenBy(k => k.SizeTicks)
            .SelectMany(k => set.Query(k, null, null))];
        if (windows.Length > 0)
        {
            owners.Add(new SandboxOwner(owner, windows));
        }
    }
}
