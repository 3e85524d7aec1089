using System.Buffers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Streaming.Domain;

namespace Streaming.Grains.Tests;

/// <summary>
/// Every event writes its source's and its entity's state, so what a write allocates is allocated per event. Orleans'
/// serializer keeps the objects it has written in 64 inline slots, and past them builds a dictionary of all of them on
/// every write: with the packed dedupe memory copied into a new array per write, that was a tenth of every byte the silo
/// allocated. Windows, accumulators, sketches and the other leaves of a state are never shared, so they are not tracked, a
/// sketch's buckets are one packed field, and the dedupe memory is written from its packing buffer. A state class added
/// without that, or a packed field copied again, would show here.
/// </summary>
[Trait("Category", "Grains")]
public sealed class StateWriteAllocationTests
{
    // Before: source 14,096 bytes, entity 33,880, area 32,512. Now 64, 1,544 and 2,736.
    private const int MostBytesPerWrite = 4096;

    [Fact]
    public void TypicalStates_Serialized_AllocateNoReferenceDictionaryNorPackedCopy()
    {
        var (source, entity, area) = StoredStateGolden.Build();

        Assert.All(new (string Name, long Bytes)[] { ("source", Allocated(source)), ("entity", Allocated(entity)), ("area", Allocated(area)) },
            s => Assert.True(s.Bytes < MostBytesPerWrite, $"writing the {s.Name} state allocated {s.Bytes} bytes, expected under {MostBytesPerWrite}"));
    }

    // A roll-up keeps up to 4,096 recent children in the record it writes on every commit. Their keys were strings the
    // serializer tracked, one reference-table entry each: each record below allocated 309,008 bytes per write. Now nothing.
    [Fact]
    public void RollupRecords_ThousandsOfChildren_AllocateNoReferenceDictionary()
    {
        var (area, settled) = (new RollupState(), new SettledSequences());
        for (var i = 0; i < 4096; i++)
        {
            area.AppliedSeq[$"source:sensor-{i:D5}"] = i + 1;
            settled.Applied[$"place:practice-{i:D5}"] = i + 1;
        }

        Assert.All(new (string Name, long Bytes)[] { ("area", Allocated(area)), ("settled", Allocated(settled)) },
            s => Assert.True(s.Bytes < MostBytesPerWrite, $"writing the {s.Name} record allocated {s.Bytes} bytes, expected under {MostBytesPerWrite}"));
    }

    // Bytes allocated on this thread by one serialization into a buffer already large enough, once codecs and session exist.
    private static long Allocated<T>(T state)
    {
        var serializer = StoredStateGolden.Services.GetRequiredService<Serializer<T>>();
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        serializer.Serialize(state, buffer);
        buffer.ResetWrittenCount();
        var before = GC.GetAllocatedBytesForCurrentThread();
        serializer.Serialize(state, buffer);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
