using System.Buffers;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;

namespace Streaming.Domain;

/// <summary>
/// A <see cref="QuantileSketch"/>'s buckets as one stored field: the keys, ascending, and their counts. Its codec writes
/// them as one length-prefixed run of variable-length integers, a key's gap from the one before and its count, rather than
/// as two lists. Each list was an object in the serializer's reference table, two per sketch; an entity's dozen sketches
/// took that table past its 64 inline slots, and every state write then built a dictionary of all its objects.
/// </summary>
public readonly record struct SketchBucketList(List<int> Keys, List<long> Counts);

/// <summary>Writes and reads a <see cref="SketchBucketList"/>: bucket count, then per bucket the key gap and the count.</summary>
[RegisterSerializer]
internal sealed class SketchBucketListCodec : IFieldCodec<SketchBucketList>
{
    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, SketchBucketList value)
        where TBufferWriter : IBufferWriter<byte>
    {
        var (keys, counts) = (value.Keys, value.Counts);
        var length = PackedField.Width((uint)keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            length += PackedField.Width(Gap(keys, i)) + PackedField.Width((ulong)counts[i]);
        }
        PackedField.WriteHeader(ref writer, fieldIdDelta, expectedType, typeof(SketchBucketList), length);
        writer.WriteVarUInt32((uint)keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            writer.WriteVarUInt32(Gap(keys, i));
            writer.WriteVarUInt64((ulong)counts[i]);
        }
    }

    public SketchBucketList ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        // Each bucket takes at least two bytes: a key gap and a count.
        var (length, start, count) = PackedField.ReadHeader(ref reader, field, 2, "sketch buckets");
        var keys = new List<int>((int)count);
        var counts = new List<long>((int)count);
        for (var i = 0; i < count; i++)
        {
            var gap = reader.ReadVarUInt32();
            if (i > 0 && gap == 0)
            {
                throw new SerializerException("Sketch bucket keys must ascend.");
            }
            keys.Add(i == 0 ? (int)(gap >> 1) ^ -(int)(gap & 1) : unchecked(keys[i - 1] + (int)gap));
            counts.Add((long)reader.ReadVarUInt64());
        }
        PackedField.EnsureRead(ref reader, length, start, "sketch buckets");
        return new SketchBucketList(keys, counts);
    }

    // The first key zigzag-encoded (keys of values below 1 are negative), each later one as its gap from the one before.
    private static uint Gap(List<int> keys, int i) =>
        i == 0 ? (uint)((keys[0] << 1) ^ (keys[0] >> 31)) : unchecked((uint)(keys[i] - keys[i - 1]));
}

/// <summary>Copies a <see cref="SketchBucketList"/> into lists of its own, as a grain call or a state copy must.</summary>
[RegisterCopier]
internal sealed class SketchBucketListCopier : IDeepCopier<SketchBucketList>
{
    public SketchBucketList DeepCopy(SketchBucketList input, CopyContext context) => new([.. input.Keys], [.. input.Counts]);
}
