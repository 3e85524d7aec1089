using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Dashboard;

/// <summary>
/// The grains emit a window once event time has passed it (provisional) or the watermark has (final), so the window
/// still filling up is never emitted. For each watched roll-up group (<c>system</c>, <c>area:{id}</c>) this asks the
/// roll-up for its newest windows once per push and hands those that changed since the last push to the buffer:
/// one grain call per watched roll-up per interval, however many entities stream. It also covers grains on other silos.
/// </summary>
public sealed class LatestWindowPoller(IGrainFactory grains, TrendGroups groups, TrendBuffer buffer)
{
    private readonly Dictionary<string, Dictionary<(SeriesKey, TimeSpan), WindowResult>> _sent = new(StringComparer.Ordinal);

    /// <summary>Polls every watched roll-up group; called by the publisher before each push (never concurrently).</summary>
    public async Task PollAsync()
    {
        var watched = groups.Watched().Where(g => g == TrendGroups.System || g.StartsWith("area:", StringComparison.Ordinal)).ToList();
        foreach (var gone in _sent.Keys.Except(watched).ToList())
        {
            _sent.Remove(gone);
        }
        var polls = watched.Select(async g => (Group: g, Latest: await grains.GetGrain<IRollupGrain>(TrendGroups.OwnerOf(g)).GetLatest()));
        foreach (var (group, latest) in await Task.WhenAll(polls))
        {
            if (!_sent.TryGetValue(group, out var sent))
            {
                _sent[group] = sent = [];
            }
            var changed = latest.Where(w => !sent.TryGetValue((w.Series, w.Size), out var s) || !SameAs(s, w)).ToList();
            foreach (var w in changed)
            {
                sent[(w.Series, w.Size)] = w;
            }
            if (changed.Count > 0)
            {
                buffer.AddWindows(TrendGroups.OwnerOf(group), changed, polled: true);
            }
        }
    }

    private static bool SameAs(WindowResult a, WindowResult b) =>
        a.Start == b.Start && a.Revision == b.Revision && a.Final == b.Final && a.Aggregate.Count == b.Aggregate.Count
        && a.Aggregate.Sum.Equals(b.Aggregate.Sum);
}
