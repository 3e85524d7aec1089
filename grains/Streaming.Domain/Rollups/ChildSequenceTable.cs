using System.Buffers;
using System.Text;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;

namespace Streaming.Domain;

/// <summary>
/// A roll-up's highest applied segment per child, as one stored field. Its codec writes the entries as one length-prefixed
/// run: the count, then per child its key's UTF-8 length and bytes and its sequence. As a dictionary field every key was
/// an object in the serializer's reference table, and a roll-up keeps thousands of recent children (4,096 by default) in
/// the record it writes on every commit: each commit built a reference dictionary of all their keys.
/// </summary>
public readonly record struct ChildSequenceTable(Dictionary<string, long> Map);

/// <summary>Writes and reads a <see cref="ChildSequenceTable"/>: entry count, then per entry the key and the sequence.</summary>
[RegisterSerializer]
internal sealed class ChildSequenceTableCodec : IFieldCodec<ChildSequenceTable>
{
    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, ChildSequenceTable value)
        where TBufferWriter : IBufferWriter<byte>
    {
        var map = value.Map;
        var length = PackedField.Width((uint)map.Count);
        foreach (var (child, seq) in map)
        {
            var bytes = Encoding.UTF8.GetByteCount(child);
            length += PackedField.Width((uint)bytes) + bytes + PackedField.Width((ulong)seq);
        }
        PackedField.WriteHeader(ref writer, fieldIdDelta, expectedType, typeof(ChildSequenceTable), length);
        writer.WriteVarUInt32((uint)map.Count);
        foreach (var (child, seq) in map)
        {
            var bytes = Encoding.UTF8.GetByteCount(child);
            writer.WriteVarUInt32((uint)bytes);
            StringCodec.WriteRaw(ref writer, child, bytes);
            writer.WriteVarUInt64((ulong)seq);
        }
    }

    public ChildSequenceTable ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        // Each entry takes at least two bytes: a key length and a sequence.
        var (length, start, count) = PackedField.ReadHeader(ref reader, field, 2, "child sequences");
        var map = new Dictionary<string, long>((int)count);
        for (var i = 0; i < count; i++)
        {
            var bytes = reader.ReadVarUInt32();
            if (bytes > length - (reader.Position - start))
            {
                throw new SerializerException($"A child key of {bytes} bytes overruns its field of {length}.");
            }
            var child = StringCodec.ReadRaw(ref reader, bytes);
            if (!map.TryAdd(child, (long)reader.ReadVarUInt64()))
            {
                throw new SerializerException($"Child '{child}' has two sequences.");
            }
        }
        PackedField.EnsureRead(ref reader, length, start, "child sequences");
        return new ChildSequenceTable(map);
    }
}

/// <summary>Copies a <see cref="ChildSequenceTable"/> into a dictionary of its own, as a grain call or a state copy must.</summary>
[RegisterCopier]
internal sealed class ChildSequenceTableCopier : IDeepCopier<ChildSequenceTable>
{
    public ChildSequenceTable DeepCopy(ChildSequenceTable input, CopyContext context) => new(new Dictionary<string, long>(input.Map));
}
