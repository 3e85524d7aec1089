using System.Buffers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Session;
using Orleans.Serialization.WireProtocol;

namespace Streaming.Domain.Tests;

/// <summary>
/// The Orleans serializer for the Domain's types, and hand-framed packed fields for its codecs to refuse: a packed field
/// (a sketch's buckets, a roll-up's child sequences) declares its length and then holds what the test writes.
/// </summary>
internal static class PackedFields
{
    public static readonly IServiceProvider Services =
        new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(QuantileSketch).Assembly)).BuildServiceProvider();

    public static readonly Serializer Serializer = Services.GetRequiredService<Serializer>();

    public delegate void WriteContent(ref Writer<ArrayBufferWriter<byte>> writer);

    /// <summary>A root <typeparamref name="T"/> field as the serializer frames one, with the given length prefix and content.</summary>
    public static byte[] Frame<T>(uint length, WriteContent content)
    {
        using var session = Services.GetRequiredService<SerializerSessionPool>().GetSession();
        var buffer = new ArrayBufferWriter<byte>();
        var writer = Writer.Create(buffer, session);
        writer.WriteFieldHeader(0, typeof(T), typeof(T), WireType.LengthPrefixed);
        writer.WriteVarUInt32(length);
        content(ref writer);
        writer.Commit();
        return buffer.WrittenSpan.ToArray();
    }
}
