using Microsoft.Extensions.Options;
using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>
/// Evaluates the alert rules on this silo's entity windows (<see cref="AlertEvaluator"/>, once per rule, entity and window)
/// and keeps the newest <see cref="Kept"/> alerts for the page, with their acknowledgements.
/// </summary>
public sealed class AlertBoard(IOptions<AlertOptions> options, TimeProvider time)
{
    /// <summary>Alerts kept and shown.</summary>
    public const int Kept = 50;

    private readonly Lock _lock = new();
    private readonly AlertEvaluator _evaluator = new([.. options.Value.Rules.Select(r => r.ToRule(out _)!)]);
    private readonly List<DashboardAlert> _alerts = [];
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    /// <summary>Alerts fired since start-up.</summary>
    public long Fired { get; private set; }

    /// <summary>The alerts that <paramref name="windows"/> of <paramref name="entity"/> fire now; they are kept for the page.</summary>
    public IReadOnlyList<Alert> Check(string entity, IReadOnlyList<WindowResult> windows)
    {
        if (_evaluator.Rules.Count == 0)
        {
            return [];
        }
        lock (_lock)
        {
            var fired = _evaluator.Evaluate(entity, windows, time.GetUtcNow());
            foreach (var a in fired)
            {
                _alerts.Insert(0, DashboardAlert.From(a));
                _changed.Add(a.Id);
                Fired++;
            }
            if (_alerts.Count > Kept)
            {
                _alerts.RemoveRange(Kept, _alerts.Count - Kept);
            }
            return fired;
        }
    }

    /// <summary>Marks an alert acknowledged by <paramref name="user"/>; null when it is not (or no longer) kept.</summary>
    public DashboardAlert? Acknowledge(string id, string user)
    {
        lock (_lock)
        {
            var at = _alerts.FindIndex(a => a.Id == id);
            if (at < 0)
            {
                return null;
            }
            if (_alerts[at].AcknowledgedBy is null)
            {
                _alerts[at] = _alerts[at] with { AcknowledgedBy = user, AcknowledgedAt = time.GetUtcNow() };
                _changed.Add(id);
            }
            return _alerts[at];
        }
    }

    /// <summary>
    /// The kept alerts that fired or were acknowledged since the previous call, newest first, else null; with
    /// <paramref name="all"/> (a page's snapshot) every kept alert, leaving the changes for the next push.
    /// </summary>
    public IReadOnlyList<DashboardAlert>? Take(bool all)
    {
        lock (_lock)
        {
            if (!all && _changed.Count == 0)
            {
                return null;
            }
            var taken = all ? [.. _alerts] : _alerts.Where(a => _changed.Contains(a.Id)).ToList();
            if (!all)
            {
                _changed.Clear();
            }
            return taken;
        }
    }
}
