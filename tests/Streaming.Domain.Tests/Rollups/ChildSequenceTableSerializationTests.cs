using System.Buffers;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;

namespace Streaming.Domain.Tests;

/// <summary>A roll-up's child sequences go through grain storage as one packed field (<see cref="ChildSequenceTable"/>).</summary>
[Trait("Category", "Domain")]
public sealed class ChildSequenceTableSerializationTests
{
    private static readonly Serializer Serializer = PackedFields.Serializer;

    // Keys of one-, two- and three-byte UTF-8 characters (no lone surrogates: grain keys are whole strings), empty included.
    private static readonly Gen<Dictionary<string, long>> AnyTable = Gen.Dictionary(Gen.String[Gen.Char[' ', '\uD7FF'], 0, 40], Gen.Long)[0, 200];

    [Fact]
    public void Serialize_AnyTable_ReadsBackEveryChild() =>
        AnyTable.Sample(map =>
        {
            var read = Serializer.Deserialize<ChildSequenceTable>(Serializer.SerializeToArray(new ChildSequenceTable(map)));

            Assert.Equal(map.OrderBy(p => p.Key, StringComparer.Ordinal), read.Map.OrderBy(p => p.Key, StringComparer.Ordinal));
        }, iter: 300);

    [Fact]
    public void Serialize_RollupStateWithRecentChildren_ReadsBackTheirSequences()
    {
        var state = new RollupState { AppliedSeq = { ["source:aq-1"] = 3, ["place:Ynys Môn"] = long.MaxValue, [""] = 1 } };

        var read = Serializer.Deserialize<RollupState>(Serializer.SerializeToArray(state))!;

        Assert.Equal(state.AppliedSeq, read.AppliedSeq);
    }

    [Fact]
    public void DeepCopy_ThenChangeTheCopy_LeavesTheOriginalAsItWas()
    {
        var table = new ChildSequenceTable(new Dictionary<string, long> { ["source:aq-1"] = 3 });

        var copy = PackedFields.Services.GetRequiredService<DeepCopier>().Copy(table);
        copy.Map["source:aq-1"] = 4;

        Assert.Equal(3, table.Map["source:aq-1"]);
    }

    [Theory]
    [InlineData(1000u, 4u, "cannot hold")]   // more entries than four bytes can hold: refused before the dictionary is sized for them
    [InlineData(2u, 20u, "two sequences")]   // the same child twice
    [InlineData(1u, 20u, "took")]            // one entry of eight bytes declared as twenty
    public void Deserialize_TableThatDisagreesWithItself_Refused(uint entries, uint length, string expected)
    {
        var bytes = PackedFields.Frame<ChildSequenceTable>(length, (ref Writer<ArrayBufferWriter<byte>> w) =>
        {
            w.WriteVarUInt32(entries);
            for (var i = 0; i < Math.Min(entries, 2); i++)
            {
                w.WriteVarUInt32(6);
                w.Write("aq-1:x"u8);
                w.WriteVarUInt64(3);
            }
        });

        var error = Assert.Throws<SerializerException>(() => Serializer.Deserialize<ChildSequenceTable>(bytes));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_KeyLongerThanItsTable_RefusedBeforeReadingIt()
    {
        var bytes = PackedFields.Frame<ChildSequenceTable>(4, (ref Writer<ArrayBufferWriter<byte>> w) =>
        {
            w.WriteVarUInt32(1);
            w.WriteVarUInt32(1_000_000);
        });

        var error = Assert.Throws<SerializerException>(() => Serializer.Deserialize<ChildSequenceTable>(bytes));

        Assert.Contains("overruns", error.Message, StringComparison.Ordinal);
    }
}
