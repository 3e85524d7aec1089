using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>
/// The top entities of the whole cluster per metric: each silo ranks the entities whose grains it hosts
/// (<see cref="TopEntities"/>) and reports its top lists; the cluster's top is the best of theirs (exact, since an entity's
/// windows come from one silo). Lists of another window size than the smallest reported are left out.
/// </summary>
public sealed class TopBoard
{
    private readonly PerSilo<Dictionary<string, TopList>> _lists = new();
    private readonly PerSilo<string[]> _metrics = new();
    private readonly Lock _lock = new();
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private bool _metricsChanged;

    /// <summary>Takes in a silo's changed top lists and, when they changed, its metrics.</summary>
    public void Set(string silo, IReadOnlyList<TopList>? lists, IReadOnlyList<string>? metrics, DateTimeOffset at)
    {
        if (lists is { Count: > 0 })
        {
            _lists.Update(silo, old =>
            {
                var kept = old is null ? new Dictionary<string, TopList>(StringComparer.Ordinal) : new Dictionary<string, TopList>(old, StringComparer.Ordinal);
                foreach (var list in lists)
                {
                    kept[list.Metric] = list;
                }
                return kept;
            }, at);
        }
        if (metrics is not null)
        {
            _metrics.Set(silo, [.. metrics], at);
        }
        lock (_lock)
        {
            _changed.UnionWith(lists?.Select(l => l.Metric) ?? []);
            _metricsChanged |= metrics is not null;
        }
    }

    /// <summary>Every metric some silo ranks by, in order, when they changed since the previous call (or <paramref name="always"/>), else null.</summary>
    public IReadOnlyList<string>? TakeMetrics(DateTimeOffset now, bool always)
    {
        lock (_lock)
        {
            if (!_metricsChanged && !always)
            {
                return null;
            }
            _metricsChanged &= always;
        }
        return [.. _metrics.Values(now).SelectMany(m => m).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The cluster's top list of <paramref name="metric"/> when it changed since the previous call (or <paramref name="always"/>), else null.</summary>
    public TopList? Take(string metric, DateTimeOffset now, bool always)
    {
        lock (_lock)
        {
            if (!_changed.Remove(metric) && !always)
            {
                return null;
            }
        }
        var lists = _lists.Values(now).Select(l => l.GetValueOrDefault(metric)).OfType<TopList>().Where(l => l.Size.Length > 0).ToList();
        if (lists.Count == 0)
        {
            return new TopList(metric, "", [], 0);
        }
        var size = lists.MinBy(l => WindowSize.TryParse(l.Size, out var span) ? span : TimeSpan.MaxValue)!.Size;
        var same = lists.Where(l => l.Size == size).ToList();
        var top = same.SelectMany(l => l.Entities).OrderByDescending(e => e.Mean).ThenByDescending(e => e.Count)
            .ThenBy(e => e.Entity, StringComparer.Ordinal).Take(TopEntities.Shown);
        return new TopList(metric, size, [.. top], same.Sum(l => l.Ranked));
    }
}
