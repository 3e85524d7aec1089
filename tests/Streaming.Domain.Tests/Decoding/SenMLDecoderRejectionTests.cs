using static Streaming.Domain.Tests.DecodeFixtures;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class SenMLDecoderRejectionTests
{
    [Theory]
    [InlineData("[", RejectReason.Malformed, "not valid JSON")]
    [InlineData("""{"n":"dev:x","v":1}""", RejectReason.WrongType, "JSON array")]
    [InlineData("""[{"bn":7,"n":"x","v":1}]""", RejectReason.WrongType, "record 0: bn must be a string")]
    [InlineData("""[{"n":"dev:x","v":1},{"bt":"now","v":1}]""", RejectReason.WrongType, "record 1: bt must be a number")]
    [InlineData("""[{"bu":"","n":"dev:x","v":1}]""", RejectReason.MissingField, "bu is empty")]
    [InlineData("""[{"bv":true,"n":"dev:x","v":1}]""", RejectReason.WrongType, "bv must be a number")]
    [InlineData("""[{"bs":null,"n":"dev:x","s":1}]""", RejectReason.WrongType, "bs must be a number")]
    [InlineData("""[{"bver":11,"n":"dev:x","v":1}]""", RejectReason.UnknownKind, "version 11")]
    [InlineData("""[{"bver":10.5,"n":"dev:x","v":1}]""", RejectReason.WrongType, "bver must be a whole number")]
    [InlineData("""[{"n":"dev:x","v":1,"v":2}]""", RejectReason.Malformed, "field 'v' appears twice")]
    public void SenML_PackUnreadable_FailsWholePack(string json, RejectReason reason, string detail)
    {
        var rejection = OnlyRejection(SenML(json));

        Assert.Equal((-1, reason), (rejection.Index, rejection.Reason));
        Assert.Contains(detail, rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""1""", RejectReason.WrongType, "record must be a JSON object")]
    [InlineData("""{"n":"dev:x","vs":"on"}""", RejectReason.UnknownKind, "string/boolean/data values")]
    [InlineData("""{"n":"dev:x","vb":true}""", RejectReason.UnknownKind, "string/boolean/data values")]
    [InlineData("""{"n":"dev:x","vd":"aGk"}""", RejectReason.UnknownKind, "string/boolean/data values")]
    [InlineData("""{"n":"dev:x","v":1,"rt_":5}""", RejectReason.UnknownKind, "field 'rt_' must be understood")]
    [InlineData("""{"n":"dev:x"}""", RejectReason.MissingField, "no numeric value")]
    [InlineData("""{"n":"dev:x","u":"V"}""", RejectReason.MissingField, "no numeric value")]
    [InlineData("""{"n":"dev:x","v":"1"}""", RejectReason.WrongType, "v must be a number")]
    [InlineData("""{"n":"dev:x","s":[1]}""", RejectReason.WrongType, "s must be a number")]
    [InlineData("""{"n":"dev:x","v":1,"t":"now"}""", RejectReason.WrongType, "t must be a number")]
    [InlineData("""{"n":"dev:x","v":1,"ut":false}""", RejectReason.WrongType, "ut must be a number")]
    [InlineData("""{"n":5,"v":1}""", RejectReason.WrongType, "n must be a string")]
    [InlineData("""{"n":"dev:x","u":5,"v":1}""", RejectReason.WrongType, "u must be a string")]
    [InlineData("""{"v":1}""", RejectReason.MissingField, "no name")]
    [InlineData("""{"n":"temp","v":1}""", RejectReason.MissingField, "no source part")]
    [InlineData("""{"n":"dev:","v":1}""", RejectReason.MissingField, "no metric")]
    [InlineData("""{"n":"dev x:t","v":1}""", RejectReason.Malformed, "RFC 8428")]
    [InlineData("""{"n":"-dev:t","v":1}""", RejectReason.Malformed, "RFC 8428")]
    [InlineData("""{"n":"dév:t","v":1}""", RejectReason.Malformed, "RFC 8428")]
    [InlineData("""{"n":"dev:t","v":1,"t":1795601800}""", RejectReason.BadTime, "ahead of the ingest time")]
    [InlineData("""{"n":"dev:t","v":1,"t":1e300}""", RejectReason.BadTime, "out of range")]
    [InlineData("""{"n":"dev:t","v":1,"t":-1e300}""", RejectReason.BadTime, "out of range")]
    public void SenML_BadRecord_RejectedAndRestOfPackStillDecodes(string record, RejectReason reason, string detail)
    {
        var result = SenML($$"""[{"n":"ok:before","v":1},{{record}},{"n":"ok:after","v":2}]""");

        var rejection = Assert.Single(result.Rejections);
        Assert.Equal((1, reason), (rejection.Index, rejection.Reason));
        Assert.Contains(detail, rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(["before", "after"], result.Envelopes.SelectMany(Readings).Select(r => r.Metric));
    }

    [Fact]
    public void SenML_RejectedRecordWithBaseName_BaseStillAppliesToLaterRecords()
    {
        var result = SenML("""[{"bn":"dev:","n":"label","vs":"x"},{"n":"temp","v":21}]""");

        Assert.Equal(0, Assert.Single(result.Rejections).Index);
        Assert.Equal(new SourceId("dev"), Assert.Single(result.Envelopes).Source);
    }
}
