namespace Streaming.Dashboard;

/// <summary>
/// The sources panel of the whole cluster: each silo's own panel (<see cref="SourceBoard"/>, a source counted by the silo
/// whose grain cleans it), merged. The busiest and most recently silent of every silo include the cluster's, so the merge is
/// exact; a source counted by two silos (its grain moved) is shown once, with its newest figures.
/// </summary>
public sealed class SourcePanels
{
    private readonly PerSilo<SourcePanel> _panels = new();

    /// <summary>Keeps <paramref name="silo"/>'s newest panel.</summary>
    public void Set(string silo, SourcePanel panel, DateTimeOffset at) => _panels.Set(silo, panel, at);

    /// <summary>The merged panel; an empty one until a silo has reported.</summary>
    public SourcePanel Current(DateTimeOffset now, TimeSpan silentAfter)
    {
        var panels = _panels.Values(now);
        var all = panels.SelectMany(p => p.Sources).GroupBy(s => s.Source, StringComparer.Ordinal)
            .Select(g => g.MaxBy(s => s.LastHeard)!).ToList();
        var busiest = all.Where(s => !s.Silent).OrderByDescending(s => s.PerSecond).ThenByDescending(s => s.LastHeard)
            .ThenBy(s => s.Source, StringComparer.Ordinal).Take(SourceBoard.Busiest);
        var quiet = all.Where(s => s.Silent).OrderByDescending(s => s.LastHeard).ThenBy(s => s.Source, StringComparer.Ordinal)
            .Take(SourceBoard.SilentShown);
        List<SourceRate> shown = [.. busiest, .. quiet];
        var (active, silent) = (panels.Sum(p => p.Active), panels.Sum(p => p.Silent));
        return new SourcePanel(shown, active, silent, Math.Max(0, active + silent - shown.Count), silentAfter.TotalSeconds);
    }
}
