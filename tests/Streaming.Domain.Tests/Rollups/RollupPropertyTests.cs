using CsCheck;
using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class RollupPropertyTests
{
    private const int Entities = 5;
    private const int Areas = 2;

    /// <summary>A batch for one entity: events as (seconds after T0, value in quarters), then whether each hop is delivered twice or confirmed.</summary>
    private static readonly Gen<(int Entity, (int Seconds, int Quarters)[] Events, bool Twice, bool Confirm, bool AreaTwice, bool AreaConfirm)> Batch =
        Gen.Select(Gen.Int[0, Entities - 1], Gen.Select(Gen.Int[0, 7199], Gen.Int[-4000, 4000]).Array[1, 6], Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool);

    private static readonly WindowOptions Options = Windows(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));

    /// <summary>Sends a child's pending segments to its roll-up, maybe twice, and maybe confirms them.</summary>
    private static void Deliver(Outbox outbox, RollupState parent, string child, bool twice, bool confirm, List<WindowResult> emitted)
    {
        var applied = RollupModel.Merge(parent, child, outbox.Pending, Options, T0, emitted);
        if (twice)
        {
            Assert.Equal(applied, RollupModel.Merge(parent, child, outbox.Pending, Options, T0, emitted));
        }
        if (confirm)
        {
            outbox.Confirm(applied);
        }
    }

    [Fact]
    public void Merge_EventsSplitAcrossEntitiesAndAreas_SystemWindowsEqualDirectComputation() =>
        Batch.Array[1, 40].Sample(batches =>
        {
            var entities = Enumerable.Range(0, Entities).Select(_ => new EntityState()).ToArray();
            var areas = Enumerable.Range(0, Areas).Select(_ => new RollupState()).ToArray();
            var system = new RollupState();
            var emitted = new List<WindowResult>();
            var applied = new List<(DateTimeOffset Time, double Value)>();
            var next = 0;

            void Flow(int entity, bool twice, bool confirm, bool areaTwice, bool areaConfirm)
            {
                var area = entity % Areas;
                Deliver(entities[entity].Outbox, areas[area], $"entity-{entity}", twice, confirm, emitted);
                RollupModel.Forward(areas[area]);
                Deliver(areas[area].Outbox, system, $"area-{area}", areaTwice, areaConfirm, emitted);
            }

            foreach (var (entity, events, twice, confirm, areaTwice, areaConfirm) in batches)
            {
                CleanEvent[] clean = [.. events.Select(e => Clean($"e{next++}", T0.AddSeconds(e.Seconds), e.Quarters / 4.0))];
                var result = EntityModel.Apply(entities[entity], clean, Options, 20_000);
                applied.AddRange(clean.Where((_, i) => result.Outcomes[i] == ApplyOutcome.Applied).Select(c => (c.EventTime, c.Readings[0].Value)));
                entities[entity].Outbox.Enqueue(result.Deltas);
                Flow(entity, twice, confirm, areaTwice, areaConfirm);
            }
            for (var entity = 0; entity < Entities; entity++)
            {
                Flow(entity, twice: true, confirm: true, areaTwice: true, areaConfirm: true);
            }

            Assert.All(entities, e => Assert.Empty(e.Outbox.Pending));
            Assert.All(areas, a => Assert.Empty(a.Outbox.Pending));
            foreach (var size in Options.Sizes)
            {
                var expected = applied.GroupBy(a => a.Time.UtcTicks - (a.Time.UtcTicks % size.Ticks)).OrderBy(g => g.Key)
                    .Select(g => (Start: g.Key, Aggregate: WindowAggregator.Result(Accumulator([.. g.Select(a => a.Value)])))).ToArray();
                var actual = system.Windows.Query(Key(size), null, null).ToArray();

                Assert.Equal(expected.Select(e => e.Start), actual.Select(r => r.Start.UtcTicks));
                foreach (var (e, a) in expected.Zip(actual))
                {
                    AssertSameAggregate(e.Aggregate, a.Aggregate, $"{size} window at {a.Start:O}");
                }
            }
        });
}
