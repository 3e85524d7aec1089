using Streaming.Grains.Abstractions;

namespace Streaming.Dashboard;

/// <summary>
/// What a page gets when it joins a group: the newest windows of the group's roll-up, for <c>system</c> the statistics and
/// every area, for <c>top:{kind}/{metric}</c> the metric's top entities.
/// </summary>
public sealed class TrendSnapshots(IGrainFactory grains, SystemStatistics statistics, TopBoard top, TimeProvider time)
{
    /// <summary>The current state of <paramref name="group"/>.</summary>
    public async Task<TrendUpdate> ForAsync(string group)
    {
        var now = time.GetUtcNow();
        if (group.StartsWith(TrendGroups.TopPrefix, StringComparison.Ordinal))
        {
            return new TrendUpdate(group, now, [], 0) { Top = top.Take(group[TrendGroups.TopPrefix.Length..], now, always: true) };
        }
        var owner = TrendGroups.OwnerOf(group);
        var latest = group.StartsWith("entity:", StringComparison.Ordinal)
            ? [] // entity windows arrive with the next push; the read API has their history
            : await grains.GetGrain<IRollupGrain>(owner).GetLatest();
        var update = new TrendUpdate(group, now, [.. latest.Select(w => TrendWindow.From(owner, w))], 0);
        return group == TrendGroups.System ? statistics.Add(update, now, snapshot: true) : update;
    }
}
