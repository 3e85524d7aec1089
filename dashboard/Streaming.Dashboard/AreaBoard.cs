using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>
/// The areas table, pre-aggregated here from the areas' emitted windows: per area, the newest window of each series and
/// size that event time has passed (a window still filling up is not emitted; a page that opens an area sees it live).
/// </summary>
public sealed class AreaBoard
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<(SeriesKey, TimeSpan), WindowResult>> _areas = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    /// <summary>Takes in the areas' windows among <paramref name="windows"/>.</summary>
    public void Observe(IEnumerable<PendingWindow> windows)
    {
        lock (_lock)
        {
            foreach (var p in windows.Where(p => !p.Polled && p.Owner.StartsWith("area:", StringComparison.Ordinal)))
            {
                var area = p.Owner[5..];
                if (!_areas.TryGetValue(area, out var latest))
                {
                    _areas[area] = latest = [];
                }
                var key = (p.Window.Series, p.Window.Size);
                if (!latest.TryGetValue(key, out var kept) || kept.Start < p.Window.Start
                    || (kept.Start == p.Window.Start && kept.Revision <= p.Window.Revision))
                {
                    latest[key] = p.Window;
                    _changed.Add(area);
                }
            }
        }
    }

    /// <summary>The areas that changed since the previous call (all of them with <paramref name="all"/>).</summary>
    public IReadOnlyList<AreaSummary> Take(bool all)
    {
        lock (_lock)
        {
            var names = all ? [.. _areas.Keys] : _changed.ToList();
            if (!all)
            {
                _changed.Clear();
            }
            return [.. names.Order(StringComparer.Ordinal).Select(n => Summarise(n, _areas[n]))];
        }
    }

    private static AreaSummary Summarise(string area, Dictionary<(SeriesKey, TimeSpan), WindowResult> latest)
    {
        var size = latest.Keys.Min(k => k.Item2);
        var windows = latest.Where(l => l.Key.Item2 == size).Select(l => l.Value).ToList();
        return new AreaSummary(area, windows.Count, windows.Sum(w => w.Aggregate.Count), WindowSize.Format(size), windows.Max(w => w.Start));
    }
}
