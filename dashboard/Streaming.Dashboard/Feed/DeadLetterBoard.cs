namespace Streaming.Dashboard;

/// <summary>
/// Dead letters of the whole cluster: each silo's rates per stage and reason (<see cref="DeadLetterRates"/>, in its digests)
/// summed, and the newest dead letters of every silo for the page's list (sent with the pushes when they change).
/// </summary>
public sealed class DeadLetterBoard
{
    private readonly PerSilo<DeadLetterRate[]> _rates = new();
    private readonly PerSilo<RecentDeadLetter[]> _recent = new();
    private bool _recentChanged;

    /// <summary>Keeps a silo's rates.</summary>
    public void SetRates(string silo, DeadLetterRate[] rates, DateTimeOffset at) => _rates.Set(silo, rates, at);

    /// <summary>Keeps a silo's newest dead letters.</summary>
    public void SetRecent(string silo, RecentDeadLetter[] recent, DateTimeOffset at)
    {
        _recent.Set(silo, recent, at);
        Volatile.Write(ref _recentChanged, true);
    }

    /// <summary>
    /// The newest <see cref="FeedCollector.RecentDeadLetters"/> dead letters of every silo when a silo's changed since the
    /// previous call (or <paramref name="always"/>: a page's snapshot), else null.
    /// </summary>
    public IReadOnlyList<RecentDeadLetter>? TakeRecent(DateTimeOffset now, bool always) =>
        always || Interlocked.Exchange(ref _recentChanged, false) ? Recent(now, FeedCollector.RecentDeadLetters) : null;

    /// <summary>Every stage and reason of every silo, summed.</summary>
    public IReadOnlyList<DeadLetterRate> Current(DateTimeOffset now) =>
        [.. _rates.Values(now).SelectMany(r => r).GroupBy(r => (r.Stage, r.Reason))
            .Select(g => new DeadLetterRate(g.Key.Stage, g.Key.Reason, g.Sum(r => r.LastMinute), g.Sum(r => r.Total)))];

    /// <summary>The newest <paramref name="limit"/> dead letters of every silo, newest first.</summary>
    public IReadOnlyList<RecentDeadLetter> Recent(DateTimeOffset now, int limit) =>
        [.. _recent.Values(now).SelectMany(r => r).OrderByDescending(r => r.FirstSeen).Take(limit)];

    /// <summary>
    /// The silos that may hold dead letter <paramref name="id"/>: the one whose newest digest lists it first, then every
    /// other silo heard from (a letter refused a moment ago is not listed yet, and only five per silo are).
    /// </summary>
    public IReadOnlyList<string> SilosFor(string id, DateTimeOffset now)
    {
        var listed = _recent.Values(now).SelectMany(r => r).FirstOrDefault(r => r.Id == id)?.Silo;
        return [.. (listed is null ? [] : new[] { listed }).Concat(_rates.Silos(now)).Concat(_recent.Silos(now)).Distinct(StringComparer.Ordinal)];
    }
}
