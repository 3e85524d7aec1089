using CsCheck;
using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class WindowSetSizesTests
{
    [Fact]
    public void Add_MinuteAndHourSizes_MinuteCountsSumToHourCounts() =>
        Gen.Select(Gen.Int[0, 3 * 3600 - 1], Gen.Int[-400, 400]).Array[1, 300].Sample(events =>
        {
            var options = Windows(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
            options.AllowedLateness = TimeSpan.FromHours(4);
            var set = new WindowSet();
            foreach (var (seconds, quarters) in events)
            {
                set.Add(Temperature, quarters / 4.0, T0.AddSeconds(seconds), options, null);
            }
            set.Advance(options, []);

            var minutes = set.Query(Minute, null, null).ToArray();
            var hours = set.Query(Hour, null, null).ToArray();
            Assert.Equal(events.Length, minutes.Sum(r => r.Aggregate.Count));
            foreach (var hour in hours)
            {
                var inHour = minutes.Where(m => m.Start >= hour.Start && m.End <= hour.End).ToArray();
                Assert.Equal(hour.Aggregate.Count, inHour.Sum(m => m.Aggregate.Count));
                Assert.Equal(hour.Aggregate.Sum, inHour.Sum(m => m.Aggregate.Sum));
                Assert.Equal(hour.Aggregate.Min, inHour.Min(m => m.Aggregate.Min));
                Assert.Equal(hour.Aggregate.Max, inHour.Max(m => m.Aggregate.Max));
            }
            Assert.Equal(events.Select(e => e.Item1 / 60).Distinct().Count(), minutes.Length);
            Assert.Equal(events.Select(e => e.Item1 / 3600).Distinct().Count(), hours.Length);
        });

    [Fact]
    public void Add_SameEventsAnyOrderWithinLateness_SameWindows() =>
        Gen.Int[0, 299].Array[1, 100].Sample(seconds =>
        {
            var options = Windows(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
            WindowResult[] Run(IEnumerable<int> order)
            {
                var set = new WindowSet();
                foreach (var s in order)
                {
                    Assert.False(set.IsLate(T0.AddSeconds(s), options));
                    set.Add(Temperature, s, T0.AddSeconds(s), options, null);
                }
                return [.. set.Query(Minute, null, null), .. set.Query(Hour, null, null)];
            }

            var forward = Run(seconds);
            var sorted = Run(seconds.Order());
            Assert.Equal(forward.Select(r => (r.Start, r.Aggregate.Count, r.Aggregate.Sum, r.Aggregate.Min, r.Aggregate.Max)),
                sorted.Select(r => (r.Start, r.Aggregate.Count, r.Aggregate.Sum, r.Aggregate.Min, r.Aggregate.Max)));
        });
}
