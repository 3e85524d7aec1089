using Orleans.Serialization;

namespace Streaming.Domain.Tests;

/// <summary>A source's quality counters go through grain storage whole, and take no table until they count something.</summary>
[Trait("Category", "Domain")]
public sealed class SourceQualitySerializationTests
{
    private static readonly Serializer Serializer = PackedFields.Serializer;

    [Fact]
    public void Serialize_WithRejectionsAndFlags_ReadsBackEveryCount()
    {
        var quality = new SourceQuality { EventsAccepted = 5, EventsRejected = 2, ReadingsAccepted = 9 };
        quality.Reject(RejectReason.MissingField);
        quality.Reject(RejectReason.MissingField);
        quality.Reject(RejectReason.BadTime);
        quality.Flag(ReadingFlags.Stuck | ReadingFlags.Spike);

        var read = Serializer.Deserialize<SourceQuality>(Serializer.SerializeToArray(quality))!;

        Assert.Equal((5, 2, 9), (read.EventsAccepted, read.EventsRejected, read.ReadingsAccepted));
        Assert.Equal(new Dictionary<RejectReason, long> { [RejectReason.MissingField] = 2, [RejectReason.BadTime] = 1 }, read.Rejected);
        Assert.Equal(new Dictionary<ReadingFlags, long> { [ReadingFlags.Stuck] = 1, [ReadingFlags.Spike] = 1 }, read.Flagged);
    }

    [Fact]
    public void Serialize_NothingRejectedOrFlagged_ReadsBackEmptyWithoutTables()
    {
        var read = Serializer.Deserialize<SourceQuality>(Serializer.SerializeToArray(new SourceQuality { EventsAccepted = 1 }))!;

        Assert.Empty(read.Rejected);
        Assert.Empty(read.Flagged);
        Assert.Null(read.StoredRejected);
        Assert.Null(read.StoredFlagged);
    }

    [Fact]
    public void Deserialize_EmptyTablesWrittenBefore_HoldsNone()
    {
        // States written before the tables were made lazily stored them empty.
        var quality = new SourceQuality { StoredRejected = [], StoredFlagged = [] };

        Assert.Null(quality.StoredRejected);
        Assert.Null(quality.StoredFlagged);
        Assert.Empty(quality.Rejected);
    }
}
