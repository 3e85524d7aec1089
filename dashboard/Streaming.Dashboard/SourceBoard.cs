using Microsoft.Extensions.Options;
using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>
/// Clean events per source, counted from what this silo's grains publish, for the sources panel. A source that stops
/// sending stays listed as silent; only past <see cref="MaxTracked"/> sources are the longest silent forgotten.
/// </summary>
public sealed class SourceBoard(IOptions<DashboardOptions> options)
{
    /// <summary>Most active sources a page receives.</summary>
    public const int Busiest = 20;

    /// <summary>Most silent sources a page receives.</summary>
    public const int SilentShown = 20;

    /// <summary>Most sources counted at once.</summary>
    public const int MaxTracked = 50_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SourceCounts> _sources = new(StringComparer.Ordinal);

    /// <summary>Counts <paramref name="events"/> as heard at <paramref name="now"/>.</summary>
    public void Count(IReadOnlyList<CleanEvent> events, DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var group in events.GroupBy(e => e.Source.Value, StringComparer.Ordinal))
            {
                if (!_sources.TryGetValue(group.Key, out var counts))
                {
                    _sources[group.Key] = counts = new SourceCounts();
                }
                counts.Add(group.Count(), now);
            }
            if (_sources.Count > MaxTracked)
            {
                // Forget the longest silent tenth at once, so this scan is rare.
                foreach (var gone in _sources.OrderBy(s => s.Value.LastHeard).Take(MaxTracked / 10).Select(s => s.Key).ToList())
                {
                    _sources.Remove(gone);
                }
            }
        }
    }

    /// <summary>The panel as of <paramref name="now"/>.</summary>
    public SourcePanel Current(DateTimeOffset now)
    {
        var silentAfter = options.Value.SilentAfter;
        lock (_lock)
        {
            var silent = _sources.Where(s => now - s.Value.LastHeard >= silentAfter).ToList();
            var active = _sources.Where(s => now - s.Value.LastHeard < silentAfter)
                .Select(s => (s.Key, Counts: s.Value, Rate: s.Value.PerSecond(now))).ToList();
            var busiest = active.OrderByDescending(a => a.Rate).ThenByDescending(a => a.Counts.LastHeard).ThenBy(a => a.Key, StringComparer.Ordinal)
                .Take(Busiest).Select(a => Rate(a.Key, a.Counts, now, isSilent: false));
            var quiet = silent.OrderByDescending(s => s.Value.LastHeard).ThenBy(s => s.Key, StringComparer.Ordinal)
                .Take(SilentShown).Select(s => Rate(s.Key, s.Value, now, isSilent: true));
            List<SourceRate> shown = [.. busiest, .. quiet];
            return new SourcePanel(shown, active.Count, silent.Count, _sources.Count - shown.Count, silentAfter.TotalSeconds);
        }
    }

    private static SourceRate Rate(string source, SourceCounts counts, DateTimeOffset now, bool isSilent)
    {
        var perMinute = counts.PerMinute(now);
        // A silent source sends nothing now, even when its last events still fall in the rate's 10 seconds (a short SilentAfter).
        var perSecond = isSilent ? 0 : Math.Round(counts.PerSecond(now), 1);
        return new SourceRate(source, perSecond, perMinute.Sum(n => (long)n), perMinute, counts.LastHeard, isSilent);
    }
}
