namespace Streaming.Domain;

/// <summary>
/// Evaluates <see cref="AlertRule"/>s on entity window results, final or provisional, and fires each rule at most once
/// per entity and window: a later revision of a window that already fired (or a final emission after a provisional one)
/// does not fire again. Remembers the newest <c>maxRemembered</c> firings (oldest window start forgotten first).
/// Deterministic: the same windows in the same order give the same alerts. Not thread-safe.
/// </summary>
public sealed class AlertEvaluator
{
    /// <summary>Default of how many firings are remembered.</summary>
    public const int DefaultMaxRemembered = 100_000;

    private readonly IReadOnlyList<AlertRule> _rules;
    private readonly int _maxRemembered;
    private readonly HashSet<string> _fired = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, long> _byStart = new();

    /// <summary>An evaluator of <paramref name="rules"/>.</summary>
    public AlertEvaluator(IReadOnlyList<AlertRule> rules, int maxRemembered = DefaultMaxRemembered)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRemembered, 1);
        _rules = rules;
        _maxRemembered = maxRemembered;
    }

    /// <summary>The rules evaluated.</summary>
    public IReadOnlyList<AlertRule> Rules => _rules;

    /// <summary>Alerts remembered as fired.</summary>
    public int Remembered => _fired.Count;

    /// <summary>The alerts that <paramref name="windows"/> of entity <paramref name="entity"/> fire now.</summary>
    public IReadOnlyList<Alert> Evaluate(string entity, IReadOnlyList<WindowResult> windows, DateTimeOffset now)
    {
        List<Alert>? fired = null;
        foreach (var w in windows)
        {
            if (w.Aggregate.Count == 0)
            {
                continue;
            }
            foreach (var rule in _rules)
            {
                if (!rule.Covers(w.Series, w.Size) || rule.Crossed(w.Aggregate.Mean) is not { } crossed)
                {
                    continue;
                }
                var id = $"{rule.Name}|{entity}|{w.Series}|{w.Size.Ticks}|{w.Start.UtcTicks}";
                if (!Remember(id, w.Start.UtcTicks))
                {
                    continue;
                }
                (fired ??= []).Add(new Alert(id, rule.Name, entity, w.Series, w.Size, w.Start, w.End, w.Aggregate.Mean, w.Aggregate.Count,
                    crossed.Threshold, crossed.IsAbove, w.Final, now));
            }
        }
        return fired ?? (IReadOnlyList<Alert>)[];
    }

    private bool Remember(string id, long startTicks)
    {
        if (!_fired.Add(id))
        {
            return false;
        }
        _byStart.Enqueue(id, startTicks);
        while (_fired.Count > _maxRemembered)
        {
            _fired.Remove(_byStart.Dequeue());
        }
        return true;
    }
}
