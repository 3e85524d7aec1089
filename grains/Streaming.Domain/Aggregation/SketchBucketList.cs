using System.Buffers;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;

namespace Streaming.Domain;

/// <summary>
/// A <see cref="QuantileSketch"/>'s buckets as one stored field: the first <c>Count</c> of the array. Its codec writes
/// them as one length-prefixed run of variable-length integers, a key's gap from the one before and its count, rather than
/// as two lists. Each list was an object in the serializer's reference table, two per sketch; an entity's dozen sketches
/// took that table past its 64 inline slots, and every state write then built a dictionary of all its objects.
/// </summary>
public readonly record struct SketchBucketList(SketchBucket[] Buckets, int Count);

/// <summary>One bucket of a <see cref="QuantileSketch"/>: its key (see <see cref="SketchBuckets.KeyOf"/>) and how many values it holds.</summary>
public record struct SketchBucket(int Key, long Count);

/// <summary>Writes and reads a <see cref="SketchBucketList"/>: bucket count, then per bucket the key gap and the count.</summary>
[RegisterSerializer]
internal sealed class SketchBucketListCodec : IFieldCodec<SketchBucketList>
{
    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, SketchBucketList value)
        where TBufferWriter : IBufferWriter<byte>
    {
        var buckets = value.Buckets.AsSpan(0, value.Count);
        var length = PackedField.Width((uint)buckets.Length);
        for (var i = 0; i < buckets.Length; i++)
        {
            length += PackedField.Width(Gap(buckets, i)) + PackedField.Width((ulong)buckets[i].Count);
        }
        PackedField.WriteHeader(ref writer, fieldIdDelta, expectedType, typeof(SketchBucketList), length);
        writer.WriteVarUInt32((uint)buckets.Length);
        for (var i = 0; i < buckets.Length; i++)
        {
            writer.WriteVarUInt32(Gap(buckets, i));
            writer.WriteVarUInt64((ulong)buckets[i].Count);
        }
    }

    public SketchBucketList ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        // Each bucket takes at least two bytes: a key gap and a count.
        var (length, start, count) = PackedField.ReadHeader(ref reader, field, 2, "sketch buckets");
        var buckets = count == 0 ? [] : new SketchBucket[count];
        for (var i = 0; i < buckets.Length; i++)
        {
            var gap = reader.ReadVarUInt32();
            if (i > 0 && gap == 0)
            {
                throw new SerializerException("Sketch bucket keys must ascend.");
            }
            var key = i == 0 ? (int)(gap >> 1) ^ -(int)(gap & 1) : unchecked(buckets[i - 1].Key + (int)gap);
            buckets[i] = new SketchBucket(key, (long)reader.ReadVarUInt64());
        }
        PackedField.EnsureRead(ref reader, length, start, "sketch buckets");
        return new SketchBucketList(buckets, buckets.Length);
    }

    // The first key zigzag-encoded (keys of values below 1 are negative), each later one as its gap from the one before.
    private static uint Gap(ReadOnlySpan<SketchBucket> buckets, int i) =>
        i == 0 ? (uint)((buckets[0].Key << 1) ^ (buckets[0].Key >> 31)) : unchecked((uint)(buckets[i].Key - buckets[i - 1].Key));
}

/// <summary>Copies a <see cref="SketchBucketList"/> into an array of its own, as a grain call or a state copy must.</summary>
[RegisterCopier]
internal sealed class SketchBucketListCopier : IDeepCopier<SketchBucketList>
{
    public SketchBucketList DeepCopy(SketchBucketList input, CopyContext context) => new(input.Buckets[..input.Count], input.Count);
}
