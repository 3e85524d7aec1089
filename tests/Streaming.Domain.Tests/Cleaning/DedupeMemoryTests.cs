using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class DedupeMemoryTests
{
    private static DedupeMemory<EnvelopeId> MemoryOf(IEnumerable<(string Key, DateTimeOffset Time)> entries)
    {
        var memory = new DedupeMemory<EnvelopeId>();
        foreach (var (key, time) in entries)
        {
            Assert.True(memory.Add(new(key), time));
        }
        return memory;
    }

    private static IEnumerable<(string, DateTimeOffset)> Keys(string prefix, int count, DateTimeOffset time) =>
        Enumerable.Range(0, count).Select(i => ($"{prefix}{i:D3}", time));

    [Fact]
    public void Add_KeySeenBefore_FalseAndCountUnchanged()
    {
        var memory = MemoryOf([("a", T0)]);

        Assert.False(memory.Add(new("a"), At(5)));
        Assert.True(memory.Contains(new("a")));
        Assert.Equal(1, memory.Count);
    }

    [Fact]
    public void Trim_FewKeys_OldKeysKeptUntilMemoryGrows()
    {
        var memory = MemoryOf(Keys("old", 10, T0));

        memory.Trim(At(60), 1000);

        Assert.Equal(10, memory.Count);
        Assert.True(memory.Contains(new("old000")));
    }

    [Fact]
    public void Trim_AfterEnoughGrowth_ForgetsOnlyKeysBeforeHorizon()
    {
        var memory = MemoryOf(Keys("old", 32, At(0)).Concat(Keys("edge", 1, At(5))).Concat(Keys("new", 31, At(10))));

        memory.Trim(At(5), 1000);

        Assert.Equal(32, memory.Count);
        Assert.False(memory.Contains(new("old000")));
        Assert.True(memory.Contains(new("edge000")));
        Assert.True(memory.Contains(new("new030")));
        Assert.True(memory.Add(new("old000"), At(0)));
    }

    [Fact]
    public void Trim_AfterSweep_NextSweepWaitsUntilSizeDoubles()
    {
        var memory = MemoryOf(Keys("new", 100, At(10)));
        memory.Trim(At(5), 10_000);
        foreach (var entry in Keys("old", 99, At(0)))
        {
            memory.Add(new(entry.Item1), entry.Item2);
        }

        memory.Trim(At(5), 10_000);
        Assert.Equal(199, memory.Count);

        memory.Add(new("old099"), At(0));
        memory.Trim(At(5), 10_000);
        Assert.Equal(100, memory.Count);
    }

    [Fact]
    public void Trim_OverHardCap_KeepsNewestEvenInsideHorizon()
    {
        var memory = MemoryOf(Enumerable.Range(0, 10).Select(i => ($"k{i}", At(i))));

        memory.Trim(T0.AddDays(-1), 4);

        // Over the cap, the newest three quarters of it stay, leaving room before the next sweep.
        Assert.Equal(3, memory.Count);
        Assert.All(Enumerable.Range(7, 3), i => Assert.True(memory.Contains(new($"k{i}"))));
    }

    [Fact]
    public void Trim_OverHardCap_SurvivorsIndependentOfInsertionOrder() =>
        Gen.Select(Gen.Int[0, 5].Array[1, 200], Gen.Int[1, 80], Gen.Int[0, 6]).Sample((minutes, cap, horizon) =>
        {
            var entries = minutes.Select((m, i) => (Key: $"k{i:D3}", Time: At(m))).ToArray();
            var forward = MemoryOf(entries);
            var backward = MemoryOf(Enumerable.Reverse(entries));

            forward.Trim(At(horizon), cap);
            backward.Trim(At(horizon), cap);

            var swept = entries.Length >= 64 || entries.Length > cap;
            var kept = (swept ? entries.Where(e => e.Time >= At(horizon)) : entries).ToArray();
            var expected = kept
                .OrderByDescending(e => e.Time).ThenByDescending(e => e.Key, StringComparer.Ordinal)
                .Take(kept.Length > cap ? Math.Max(1, cap - (cap / 4)) : kept.Length).Select(e => e.Key).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(expected, entries.Select(e => e.Key).Where(k => forward.Contains(new(k))).ToArray());
            Assert.Equal(expected, entries.Select(e => e.Key).Where(k => backward.Contains(new(k))).ToArray());
        });

    [Fact]
    public void Serialized_ReadBack_SameKeysTimesAndBytes() =>
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 0, 40].Array[0, 300], Gen.Long[0, DateTimeOffset.MaxValue.UtcTicks]).Sample((keys, ticks) =>
        {
            var memory = new DedupeMemory<EnvelopeId>();
            foreach (var key in keys)
            {
                memory.Add(new(key), new DateTimeOffset(ticks, TimeSpan.Zero));
            }

            var bytes = Serializer.SerializeToArray(memory);
            var read = Serializer.Deserialize<DedupeMemory<EnvelopeId>>(bytes)!;

            Assert.Equal(memory.Count, read.Count);
            Assert.All(keys, k => Assert.True(read.Contains(new(k))));
            Assert.Equal(bytes, Serializer.SerializeToArray(read));
        });

    [Fact]
    public void Serialized_ThenMoreKeys_WritesWhatTheMemoryThatStayedWrites() =>
        Gen.Select(Gen.Int[0, 200], Gen.Int[0, 200]).Sample((before, after) =>
        {
            var stayed = MemoryOf(Keys("a", before, T0));
            var read = Serializer.Deserialize<DedupeMemory<EnvelopeId>>(Serializer.SerializeToArray(stayed))!;

            foreach (var memory in new[] { stayed, read })
            {
                foreach (var (key, time) in Keys("b", after, T0))
                {
                    memory.Add(new(key), time);
                }
            }

            Assert.Equal(Serializer.SerializeToArray(stayed), Serializer.SerializeToArray(read));
        });

    [Fact]
    public void Serialized_ReadingKeys_ReadBack()
    {
        var memory = new DedupeMemory<ReadingKey>();
        memory.Add(new(new string("pm25".AsSpan()), T0.UtcTicks), T0);

        var read = Serializer.Deserialize<DedupeMemory<ReadingKey>>(Serializer.SerializeToArray(memory))!;

        Assert.True(read.Contains(new("pm25", T0.UtcTicks)));
        Assert.False(read.Contains(new("pm25", T0.UtcTicks + 1)));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(64)]
    [InlineData(1000)]
    public void Packed_ManyKeys_HoldsOnlyThoseSinceTheLastSeal(int count)
    {
        var memory = MemoryOf(Keys("k", count, T0));

        Assert.Equal(count % DedupeMemory<EnvelopeId>.SealEvery, memory.Packed.Span[0]); // the run's count, one byte below 128
        Assert.Equal(count, Serializer.Deserialize<DedupeMemory<EnvelopeId>>(Serializer.SerializeToArray(memory))!.Count);
    }

    [Fact]
    public void Serialized_AfterASweepForgotSealedKeys_ReadsBackWithoutThem()
    {
        var memory = MemoryOf(Keys("old", 100, T0).Concat(Keys("new", 100, T0.AddMinutes(20))));

        memory.Trim(T0.AddMinutes(10), maxEntries: 1000);
        var read = Serializer.Deserialize<DedupeMemory<EnvelopeId>>(Serializer.SerializeToArray(memory))!;

        Assert.Equal(100, read.Count);
        Assert.False(read.Contains(new("old000")));
        Assert.True(read.Contains(new("new099")));
    }

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(DedupeMemory<>).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();
}
