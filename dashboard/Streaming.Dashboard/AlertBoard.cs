namespace Streaming.Dashboard;

/// <summary>
/// This dashboard's copy of the cluster's alerts (kept by the <see cref="IDashboardFeedGrain"/>, which the silos that
/// judge the rules report to): the newest <see cref="AlertBook.Kept"/>, newest first, with who acknowledged them.
/// </summary>
public sealed class AlertBoard
{
    private readonly Lock _lock = new();
    private readonly AlertBook _book = new();
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    /// <summary>Replaces the kept alerts with <paramref name="alerts"/> (a subscription's answer), newest first.</summary>
    public void Reset(IReadOnlyList<DashboardAlert> alerts)
    {
        lock (_lock)
        {
            var before = _book.Alerts.ToDictionary(a => a.Id, StringComparer.Ordinal);
            _book.Alerts = [.. alerts.Take(AlertBook.Kept)];
            _changed.UnionWith(_book.Alerts.Where(a => !before.TryGetValue(a.Id, out var was) || was != a).Select(a => a.Id));
        }
    }

    /// <summary>Takes in alerts that fired or were acknowledged.</summary>
    public void Apply(IReadOnlyList<DashboardAlert> alerts)
    {
        lock (_lock)
        {
            foreach (var alert in alerts)
            {
                var at = _book.Alerts.FindIndex(a => a.Id == alert.Id);
                if (at >= 0)
                {
                    _book.Alerts[at] = alert;
                }
            }
            _book.Add([.. alerts.Where(a => !_book.Alerts.Exists(k => k.Id == a.Id)).OrderByDescending(a => a.FiredAt)]);
            _changed.UnionWith(alerts.Select(a => a.Id));
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
            var taken = all ? [.. _book.Alerts] : _book.Alerts.Where(a => _changed.Contains(a.Id)).ToList();
            if (!all)
            {
                _changed.Clear();
            }
            return taken;
        }
    }
}
