using Streaming.Ingress;

namespace Streaming.Dashboard;

/// <summary>Dead letters per stage and reason in the last minute, from this silo's <see cref="DeadLetterOffice"/> counts (its share of the dashboards' figures).</summary>
public sealed class DeadLetterRates(DeadLetterOffice office)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    // Snapshots of the running counts, about one a second; the oldest is the baseline (empty: the silo's start).
    private readonly Queue<(DateTimeOffset At, Dictionary<(string, string), long> Counts)> _snapshots = new();

    /// <summary>Counts in the last minute (since start when younger) and in all, by stage and reason.</summary>
    public IReadOnlyList<DeadLetterRate> Current(DateTimeOffset now)
    {
        var counts = office.Counts().ToDictionary(c => (c.Stage.ToString(), c.Reason), c => c.Count);
        lock (_lock)
        {
            if (_snapshots.Count == 0)
            {
                _snapshots.Enqueue((now, []));
            }
            if (now - _snapshots.Last().At >= Step)
            {
                _snapshots.Enqueue((now, counts));
            }
            while (_snapshots.Count > 1 && _snapshots.ElementAt(1).At <= now - Minute)
            {
                _snapshots.Dequeue();
            }
            var baseline = _snapshots.Peek().Counts;
            return [.. counts.Select(c => new DeadLetterRate(c.Key.Item1, c.Key.Item2, c.Value - baseline.GetValueOrDefault(c.Key), c.Value))];
        }
    }
}
