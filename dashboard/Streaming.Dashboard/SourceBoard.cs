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
            foreach (var e in events)
            {
                if (!_sources.TryGetValue(e.Source.Value, out var counts))
                {
                    _sources[e.Source.Value] = counts = new SourceCounts();
                }
                counts.Add(1, now);
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
            // One pass that keeps only the sources shown: this runs every second over every source the silo heard.
            var busiest = new Leaders<(string Key, SourceCounts Counts, double Rate)>(Busiest, BusiestFirst);
            var quiet = new Leaders<KeyValuePair<string, SourceCounts>>(SilentShown, LastHeardFirst);
            var active = 0;
            foreach (var source in _sources)
            {
                if (now - source.Value.LastHeard >= silentAfter)
                {
                    quiet.Offer(source);
                }
                else
                {
                    active++;
                    busiest.Offer((source.Key, source.Value, source.Value.PerSecond(now)));
                }
            }
            List<SourceRate> shown = [.. busiest.InOrder.Select(a => Rate(a.Key, a.Counts, now, isSilent: false)),
                .. quiet.InOrder.Select(s => Rate(s.Key, s.Value, now, isSilent: true))];
            return new SourcePanel(shown, active, _sources.Count - active, _sources.Count - shown.Count, silentAfter.TotalSeconds);
        }
    }

    // Highest rate first, then the most recently heard, then by name.
    private static int BusiestFirst((string Key, SourceCounts Counts, double Rate) a, (string Key, SourceCounts Counts, double Rate) b)
    {
        var by = b.Rate.CompareTo(a.Rate);
        by = by != 0 ? by : b.Counts.LastHeard.CompareTo(a.Counts.LastHeard);
        return by != 0 ? by : string.CompareOrdinal(a.Key, b.Key);
    }

    private static int LastHeardFirst(KeyValuePair<string, SourceCounts> a, KeyValuePair<string, SourceCounts> b)
    {
        var by = b.Value.LastHeard.CompareTo(a.Value.LastHeard);
        return by != 0 ? by : string.CompareOrdinal(a.Key, b.Key);
    }

    private static SourceRate Rate(string source, SourceCounts counts, DateTimeOffset now, bool isSilent)
    {
        var perMinute = counts.PerMinute(now);
        // A silent source sends nothing now, even when its last events still fall in the rate's 10 seconds (a short SilentAfter).
        var perSecond = isSilent ? 0 : Math.Round(counts.PerSecond(now), 1);
        return new SourceRate(source, perSecond, perMinute.Sum(n => (long)n), perMinute, counts.LastHeard, isSilent);
    }
}
