using System.Buffers;
using System.Numerics;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;

namespace Streaming.Domain;

/// <summary>
/// The frame the Domain's packed fields share (a sketch's buckets, a roll-up's child sequences): a length-prefixed field
/// that holds an entry count and then the entries, as variable-length integers, with no object the serializer tracks.
/// </summary>
internal static class PackedField
{
    /// <summary>Bytes Orleans' variable-length encoding takes for <paramref name="value"/>: seven bits to the byte.</summary>
    public static int Width(ulong value) => (BitOperations.Log2(value) / 7) + 1;

    /// <summary>Writes the field's header and its <paramref name="length"/>, which must count every byte written after it.</summary>
    public static void WriteHeader<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, Type actualType, int length)
        where TBufferWriter : IBufferWriter<byte>
    {
        ReferenceCodec.MarkValueField(writer.Session);
        writer.WriteFieldHeader(fieldIdDelta, expectedType, actualType, WireType.LengthPrefixed);
        writer.WriteVarUInt32((uint)length);
    }

    /// <summary>
    /// Reads the field's length and entry count. A count its length cannot hold, at <paramref name="leastEntryBytes"/> an
    /// entry, is a corrupt record: refused before anything is sized for it.
    /// </summary>
    public static (uint Length, long Start, uint Count) ReadHeader<TInput>(ref Reader<TInput> reader, Field field, int leastEntryBytes, string entries)
    {
        ReferenceCodec.MarkValueField(reader.Session);
        field.EnsureWireType(WireType.LengthPrefixed);
        var length = reader.ReadVarUInt32();
        var start = reader.Position;
        var count = reader.ReadVarUInt32();
        if (count > length / (uint)leastEntryBytes)
        {
            throw new SerializerException($"A field of {length} bytes cannot hold {count} {entries}.");
        }
        return (length, start, count);
    }

    /// <summary>Refuses a field whose entries did not take exactly the length it declared.</summary>
    public static void EnsureRead<TInput>(ref Reader<TInput> reader, uint length, long start, string entries)
    {
        if (reader.Position - start != length)
        {
            throw new SerializerException($"The {entries} took {reader.Position - start} bytes of the {length} their field declared.");
        }
    }
}
