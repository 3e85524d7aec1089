using CsCheck;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class LeadersTests
{
    [Fact]
    public void Offer_AnyItemsInAnyOrder_KeepsWhatSortingAllAndTakingTheFirstGives() =>
        Gen.Select(Gen.Int[0, 50].Array[0, 300], Gen.Int[0, 25]).Sample((values, count) =>
        {
            // Ties broken by position make the order total, as the dashboard's rankings are (by name last).
            var items = values.Select((v, i) => (Value: v, Position: i)).ToArray();
            Comparison<(int Value, int Position)> highestFirst = (a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : a.Position.CompareTo(b.Position);
            var leaders = new Leaders<(int Value, int Position)>(count, highestFirst);

            foreach (var item in items)
            {
                leaders.Offer(item);
            }

            Assert.Equal(items.Order(Comparer<(int, int)>.Create(highestFirst)).Take(count), leaders.InOrder);
        });
}
