using Microsoft.Extensions.Options;
using Streaming.Dashboard;
using Streaming.Domain;

namespace Streaming.Ingress.Tests;

/// <summary>
/// The rankings a silo's feed makes once a second, in process: the sources panel shows the busiest active sources and the
/// most recently silent ones, and a metric's top list the highest means, each in order and with every source or entity
/// counted; ties go to the more recently heard (or the more readings), then to the name.
/// </summary>
[Trait("Category", "Ingress")]
public sealed class DashboardRankingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey Pm25 = new(EventKind.Sensor, "pm25");

    [Fact]
    public void SourcesPanel_MoreThanShown_BusiestThenMostRecentlySilentInOrder()
    {
        var board = new SourceBoard(Options.Create(new DashboardOptions { SilentAfter = TimeSpan.FromSeconds(30) }));
        for (var i = 0; i < 30; i++)
        {
            // Active in pairs of equal rate, all heard at the same time: a-00 and a-01 one event, ..., a-28 and a-29 fifteen.
            board.Count(Events($"a-{i:D2}", (i / 2) + 1), T0.AddSeconds(55));
            // Silent: s-i last heard i seconds after T0.
            board.Count(Events($"s-{i:D2}", 1), T0.AddSeconds(i));
        }

        var panel = board.Current(T0.AddSeconds(60));

        string[] busiest = [.. Enumerable.Range(5, 10).Reverse().SelectMany(pair => new[] { $"a-{2 * pair:D2}", $"a-{(2 * pair) + 1:D2}" })];
        string[] silent = [.. Enumerable.Range(10, 20).Reverse().Select(i => $"s-{i:D2}")];
        Assert.Equal([.. busiest, .. silent], panel.Sources.Select(s => s.Source));
        Assert.Equal((30, 30, 20), (panel.Active, panel.Silent, panel.NotShown));
        Assert.All(panel.Sources.Take(20), s => Assert.False(s.Silent, $"{s.Source} is active"));
        Assert.All(panel.Sources.Skip(20), s => Assert.True(s.Silent && s.PerSecond == 0, $"{s.Source} is silent"));
    }

    [Fact]
    public void SourceCounts_PerSecondAndPerMinute_OnlyTheirOwnSpanCounts()
    {
        var board = new SourceBoard(Options.Create(new DashboardOptions { SilentAfter = TimeSpan.FromHours(12) }));
        board.Count(Events("s", 7), T0.AddMinutes(-90)); // older than the hour: gone
        board.Count(Events("s", 4), T0.AddMinutes(-30));
        board.Count(Events("s", 3), T0.AddSeconds(-20)); // last minute, but not the last ten seconds
        board.Count(Events("s", 5), T0.AddSeconds(-9));
        board.Count(Events("s", 2), T0.AddSeconds(-1));
        board.Count(Events("s", 1), T0.AddSeconds(-400 * 60)); // the clock went back beyond the hour: not counted

        var s = Assert.Single(board.Current(T0).Sources);

        Assert.Equal(0.7, s.PerSecond); // 5 + 2 over 10 s
        Assert.Equal(14, s.LastHour);
        Assert.Equal(60, s.PerMinute.Length);
        Assert.Equal(4, s.PerMinute[^31]);
        Assert.Equal(10, s.PerMinute[^2]); // T0 starts a minute: the last 20 s are the minute before
        Assert.Equal(0, s.PerMinute[^1]);
        Assert.Equal(0.0, board.Current(T0.AddSeconds(10)).Sources[0].PerSecond);
        Assert.Equal(0, board.Current(T0.AddHours(1)).Sources[0].LastHour);
    }

    [Fact]
    public void TopList_MoreEntitiesThanShown_HighestMeansInOrderAmongAllRanked()
    {
        var top = new TopEntities();
        for (var i = 0; i < 25; i++)
        {
            // Means 0..24; e-30 ties with e-24 on the mean and has more readings.
            top.Observe($"e-{i}", [Window(i, 1)]);
        }
        top.Observe("e-30", [Window(24, 2)]);

        var list = top.Take(Pm25.ToString(), always: true)!;

        Assert.Equal(["e-30", .. Enumerable.Range(16, 9).Reverse().Select(i => $"e-{i}")], list.Entities.Select(e => e.Entity));
        Assert.Equal(26, list.Ranked);
    }

    private static CleanEvent[] Events(string source, int count) =>
        [.. Enumerable.Range(0, count).Select(n => new CleanEvent(new EnvelopeId($"{source}#{n}"), new SourceId(source),
            EntityKey.ForSource(new SourceId(source)), EventKind.Sensor, T0, T0, [new CleanReading("pm25", 1, "ug/m3", ReadingFlags.None)]))];

    private static WindowResult Window(double value, int readings)
    {
        var accumulator = WindowAggregator.Create();
        for (var n = 0; n < readings; n++)
        {
            accumulator = WindowAggregator.Add(accumulator, value);
        }
        return new WindowResult(Pm25, TimeSpan.FromMinutes(1), T0, T0.AddMinutes(1), WindowAggregator.Result(accumulator), 1, true);
    }
}
