namespace Streaming.Dashboard;

/// <summary>Clean events per second by kind over about the last second (a few push intervals), and totals since start.</summary>
public sealed class KindRates
{
    private static readonly TimeSpan Span = TimeSpan.FromSeconds(1);
    private static readonly string[] Kinds = ["sensor", "social", "media", "record"];
    private readonly Lock _lock = new();
    private readonly Queue<(DateTimeOffset At, IReadOnlyDictionary<string, long> Counts)> _recent = new();
    private readonly Dictionary<string, long> _totals = new(StringComparer.Ordinal);
    private DateTimeOffset? _first;

    /// <summary>Adds the counts drained at <paramref name="now"/>.</summary>
    public void Observe(IReadOnlyDictionary<string, long> counts, DateTimeOffset now)
    {
        lock (_lock)
        {
            _first ??= now;
            _recent.Enqueue((now, counts));
            while (_recent.Count > 1 && _recent.Peek().At <= now - Span)
            {
                _recent.Dequeue();
            }
            foreach (var (kind, n) in counts)
            {
                _totals[kind] = _totals.GetValueOrDefault(kind) + n;
            }
        }
    }

    /// <summary>Every kind (those never seen at zero), per second and in total.</summary>
    public IReadOnlyList<KindRate> Current(DateTimeOffset now)
    {
        lock (_lock)
        {
            // The counts of the drains within the span, over the span (or over the time since the first drain, when shorter).
            var seconds = Math.Max(0.05, Math.Min(Span.TotalSeconds, (now - (_first ?? now)).TotalSeconds));
            return [.. Kinds.Union(_totals.Keys).Select(kind => new KindRate(kind,
                Math.Round(_recent.Where(r => r.At > now - Span).Sum(r => r.Counts.GetValueOrDefault(kind)) / seconds, 1),
                _totals.GetValueOrDefault(kind)))];
        }
    }
}
