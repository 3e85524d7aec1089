using System.Buffers;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;

namespace Streaming.Domain.Tests;

/// <summary>A sketch's buckets go through grain storage and grain calls as one packed field (<see cref="SketchBucketList"/>).</summary>
[Trait("Category", "Domain")]
public sealed class QuantileSketchSerializationTests
{
    private static readonly Serializer Serializer = PackedFields.Serializer;

    [Fact]
    public void Serialize_AnyValues_ReadsBackTheSameBuckets() =>
        Gen.Select(AggregationData.Any.Array[0, 300], Gen.OneOf(0.001, 0.01, 0.05), Gen.Int[1, 64]).Sample((values, accuracy, maxBuckets) =>
        {
            var sketch = AggregationData.SketchOf(values, accuracy, maxBuckets);

            var read = Serializer.Deserialize<QuantileSketch>(Serializer.SerializeToArray(sketch))!;

            Assert.True(sketch.HasSameState(read), $"{values.Length} values, a={accuracy}, {maxBuckets} buckets at most");
        }, iter: 300);

    [Fact]
    public void DeepCopy_ThenAddToTheCopy_LeavesTheOriginalAsItWas()
    {
        var sketch = AggregationData.SketchOf([1.0, -2.0, 0.0, 5e9]);
        var before = sketch.Clone();

        var copy = PackedFields.Services.GetRequiredService<DeepCopier>().Copy(sketch);
        copy.Add(7);
        copy.Add(1.0);

        Assert.True(sketch.HasSameState(before));
        Assert.Equal(6, copy.Count);
    }

    [Theory]
    [InlineData(1000u, 4u)] // more buckets than four bytes can hold: refused before the lists are sized for them
    [InlineData(1u, 6u)]    // one bucket of two bytes declared as six
    public void Deserialize_BucketsThatDisagreeWithTheirLength_Refused(uint buckets, uint length)
    {
        var bytes = PackedFields.Frame<SketchBucketList>(length, (ref Writer<ArrayBufferWriter<byte>> w) =>
        {
            w.WriteVarUInt32(buckets);
            w.WriteVarUInt32(2); // key 1, zigzag-encoded
            w.WriteVarUInt64(3);
        });

        var error = Assert.Throws<SerializerException>(() => Serializer.Deserialize<SketchBucketList>(bytes));

        Assert.Contains("bucket", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
