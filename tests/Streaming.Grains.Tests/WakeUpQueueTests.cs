namespace Streaming.Grains.Tests;

/// <summary>The embedded default's wake-ups: what is due comes out earliest first, once, and a later registration wins.</summary>
[Trait("Category", "Grains")]
public sealed class WakeUpQueueTests
{
    private readonly WakeUpQueue<string> _queue = new();

    [Fact]
    public void TakeDue_SeveralDue_EarliestFirstAndNothingNotYetDue()
    {
        _queue.Set("c", 30);
        _queue.Set("a", 10);
        _queue.Set("b", 20);

        Assert.Equal(["a", "b"], _queue.TakeDue(nowTicks: 25, max: 10));
        Assert.Empty(_queue.TakeDue(25, 10));
        Assert.Equal(1, _queue.Count);
        Assert.Equal(30, _queue.DueTicks("c"));
    }

    [Fact]
    public void TakeDue_MoreDueThanMax_RestLeftForTheNextTake()
    {
        for (var i = 0; i < 5; i++)
        {
            _queue.Set($"k{i}", i);
        }

        Assert.Equal(["k0", "k1", "k2"], _queue.TakeDue(10, max: 3));
        Assert.Equal(["k3", "k4"], _queue.TakeDue(10, max: 3));
    }

    [Theory]
    [InlineData(50)] // moved later: not woken at the first time
    [InlineData(5)]  // moved sooner: woken once, not again at the first time
    public void Set_AgainForTheSameKey_OnlyTheLatestTimeCounts(long moved)
    {
        _queue.Set("a", 10);
        _queue.Set("a", moved);

        Assert.Equal(moved > 10 ? [] : ["a"], _queue.TakeDue(10, 10));
        Assert.Equal(moved > 10 ? ["a"] : [], _queue.TakeDue(100, 10));
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public void Set_SameTimeTwice_TakenOnce()
    {
        _queue.Set("a", 10);
        _queue.Set("a", 10);

        Assert.Equal(["a"], _queue.TakeDue(10, 10));
        Assert.Empty(_queue.TakeDue(10, 10));
        Assert.Null(_queue.DueTicks("a"));
    }
}
