using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class DeltaBufferTests
{
    private static readonly SeriesKey Humidity = new(EventKind.Sensor, "humidity");

    [Fact]
    public void Drain_Nothing_EmptyBuffer()
    {
        var buffer = new DeltaBuffer();

        Assert.True(buffer.IsEmpty);
        Assert.Empty(buffer.Drain());
    }

    [Fact]
    public void Add_SameWindow_OneDeltaWithAllValuesAndNewestEventTime()
    {
        var buffer = new DeltaBuffer();

        buffer.Add(Minute, T0.UtcTicks, 2, At(0, 40).UtcTicks);
        buffer.Add(Minute, T0.UtcTicks, 5, At(0, 10).UtcTicks);

        var delta = Assert.Single(buffer.Drain());
        Assert.Equal((Minute, T0.UtcTicks, At(0, 40).UtcTicks), (delta.Key, delta.StartTicks, delta.MaxEventTicks));
        Assert.Equal((2L, 7.0, 2.0, 5.0), (delta.Accumulator.Count, delta.Accumulator.Sum, delta.Accumulator.Min, delta.Accumulator.Max));
    }

    [Fact]
    public void Merge_Delta_AddedButDeltaNeverMutated()
    {
        var buffer = new DeltaBuffer();
        var given = new WindowDelta(Minute, T0.UtcTicks, Accumulator(1, 2), At(0, 20).UtcTicks);

        buffer.Merge(given);
        buffer.Add(Minute, T0.UtcTicks, 10, At(0, 50).UtcTicks);
        buffer.Merge(given);

        Assert.Equal((2L, 3.0, 2.0), (given.Accumulator.Count, given.Accumulator.Sum, given.Accumulator.Max));
        Assert.Equal(At(0, 20).UtcTicks, given.MaxEventTicks);
        var delta = Assert.Single(buffer.Drain());
        Assert.NotSame(given.Accumulator, delta.Accumulator);
        Assert.Equal((5L, 16.0, At(0, 50).UtcTicks), (delta.Accumulator.Count, delta.Accumulator.Sum, delta.MaxEventTicks));
    }

    [Fact]
    public void Drain_AfterDrain_BufferEmptyAndDrainedDeltasUntouched()
    {
        var buffer = new DeltaBuffer();
        buffer.Add(Minute, T0.UtcTicks, 1, T0.UtcTicks);
        var first = buffer.Drain();

        buffer.Add(Minute, T0.UtcTicks, 100, T0.UtcTicks);

        Assert.Equal(1, Assert.Single(first).Accumulator.Count);
        Assert.Equal(1.0, first[0].Accumulator.Sum);
        Assert.Equal(100.0, Assert.Single(buffer.Drain()).Accumulator.Sum);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Drain_AnyInsertionOrder_OrderedBySeriesSizeStart()
    {
        (WindowKey Key, long Start)[] slots =
        [
            (Minute, At(1).UtcTicks), (Hour, T0.UtcTicks), (Key(TimeSpan.FromMinutes(1), Humidity), T0.UtcTicks),
            (Minute, T0.UtcTicks), (Key(TimeSpan.FromMinutes(1), new SeriesKey(EventKind.Media, "a")), T0.UtcTicks),
        ];
        (WindowKey, long)[] expected =
        [
            (Key(TimeSpan.FromMinutes(1), Humidity), T0.UtcTicks), (Minute, T0.UtcTicks), (Minute, At(1).UtcTicks),
            (Hour, T0.UtcTicks), (Key(TimeSpan.FromMinutes(1), new SeriesKey(EventKind.Media, "a")), T0.UtcTicks),
        ];

        foreach (var order in new[] { slots, [.. Enumerable.Reverse(slots)], [.. slots.OrderBy(s => s.Start)] })
        {
            var buffer = new DeltaBuffer();
            foreach (var (key, start) in order)
            {
                buffer.Add(key, start, 1, start);
            }
            Assert.Equal(expected, buffer.Drain().Select(d => (d.Key, d.StartTicks)));
        }
    }
}
