using static Streaming.Domain.Tests.DecodeFixtures;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class SensorJsonDecoderRejectionTests
{
    private const string T = "\"time\":\"2026-11-25T10:00:00Z\"";

    [Theory]
    [InlineData("{", RejectReason.Malformed)]
    [InlineData("", RejectReason.Malformed)]
    [InlineData("{} x", RejectReason.Malformed)]
    [InlineData("[[[[[1]]]]]", RejectReason.Malformed)]
    [InlineData("\"text\"", RejectReason.WrongType)]
    [InlineData("42", RejectReason.WrongType)]
    public void SensorJson_BodyUnreadable_FailsWholeBody(string json, RejectReason reason)
    {
        var rejection = OnlyRejection(Sensor(json));

        Assert.Equal((-1, reason), (rejection.Index, rejection.Reason));
    }

    [Theory]
    [InlineData("{" + T + ",\"readings\":{\"a\":1}}", RejectReason.MissingField, "source is required")]
    [InlineData("{\"source\":7," + T + ",\"readings\":{\"a\":1}}", RejectReason.WrongType, "source must be a string")]
    [InlineData("{\"source\":\"  \"," + T + ",\"readings\":{\"a\":1}}", RejectReason.MissingField, "source is empty")]
    [InlineData("{\"source\":\"s\",\"readings\":{\"a\":1}}", RejectReason.MissingField, "time is required")]
    [InlineData("{\"source\":\"s\",\"time\":\"yesterday\",\"readings\":{\"a\":1}}", RejectReason.BadTime, "ISO 8601")]
    [InlineData("{\"source\":\"s\",\"time\":\"2026-11-25T10:00:00\",\"readings\":{\"a\":1}}", RejectReason.BadTime, "offset")]
    [InlineData("{\"source\":\"s\",\"time\":\"2026-11-25T10:16:00Z\",\"readings\":{\"a\":1}}", RejectReason.BadTime, "ahead of the ingest time")]
    [InlineData("{\"source\":\"s\",\"time\":1e300,\"readings\":{\"a\":1}}", RejectReason.BadTime, "out of range")]
    [InlineData("{\"source\":\"s\",\"time\":true,\"readings\":{\"a\":1}}", RejectReason.WrongType, "time must be")]
    [InlineData("{\"source\":\"s\"," + T + "}", RejectReason.MissingField, "readings")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{}}", RejectReason.MissingField, "readings is empty")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":[1]}", RejectReason.WrongType, "readings must be an object")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":\"1\"}}", RejectReason.WrongType, "reading 'a' must be a number")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":true}}", RejectReason.WrongType, "reading 'a' must be a number")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":null}}", RejectReason.WrongType, "reading 'a' must be a number")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":{}}}", RejectReason.WrongType, "reading 'a' must be a number")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":1,\" a\":2}}", RejectReason.Malformed, "metric 'a' appears twice")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\" \":1}}", RejectReason.MissingField, "metric name is empty")]
    [InlineData("{\"source\":\"s\"," + T + "," + T + ",\"readings\":{\"a\":1}}", RejectReason.Malformed, "field 'time' appears twice")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":1},\"metric\":\"b\",\"value\":2}", RejectReason.Malformed, "not both")]
    [InlineData("{\"source\":\"s\"," + T + ",\"value\":2}", RejectReason.MissingField, "metric is required")]
    [InlineData("{\"source\":\"s\"," + T + ",\"metric\":\"b\"}", RejectReason.MissingField, "readings")]
    [InlineData("{\"source\":\"s\"," + T + ",\"metric\":\"b\",\"value\":\"2\"}", RejectReason.WrongType, "reading 'b' must be a number")]
    [InlineData("{\"source\":\"s\"," + T + ",\"metric\":\"b\",\"value\":2,\"unit\":{\"b\":\"V\"}}", RejectReason.WrongType, "unit must be a string")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":1},\"unit\":\"V\"}", RejectReason.WrongType, "unit must be an object")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":1},\"unit\":{\"a\":1}}", RejectReason.WrongType, "unit of 'a' must be a string")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":1},\"unit\":{\"a\":\"V\",\"a \":\"A\"}}", RejectReason.Malformed, "unit of 'a' appears twice")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":1},\"seq\":1.5}", RejectReason.WrongType, "seq must be a whole number")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":1},\"seq\":\"42\"}", RejectReason.WrongType, "seq must be a whole number")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":1},\"id\":42}", RejectReason.WrongType, "id must be a string")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":1},\"entity\":\"\"}", RejectReason.MissingField, "entity is empty")]
    public void SensorJson_BadItem_RejectedWithReasonAndDetail(string json, RejectReason reason, string detail)
    {
        var rejection = OnlyRejection(Sensor(json));

        Assert.Equal((0, reason), (rejection.Index, rejection.Reason));
        Assert.Contains(detail, rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("[null]")]
    [InlineData("[[]]")]
    public void SensorJson_ArrayItemNotObject_RejectedAtItsIndex(string json)
    {
        var rejection = OnlyRejection(Sensor(json));

        Assert.Equal((0, RejectReason.WrongType), (rejection.Index, rejection.Reason));
    }

    [Fact]
    public void SensorJson_SourceDiffersFromTopic_WrongTypeNamingBoth()
    {
        var rejection = OnlyRejection(Sensor("{\"source\":\"x\"," + T + ",\"readings\":{\"a\":1}}", Context(source: "y")));

        Assert.Equal(RejectReason.WrongType, rejection.Reason);
        Assert.Equal("source in body 'x' does not match topic source 'y'", rejection.Detail);
    }

    [Fact]
    public void SensorJson_BareNumberWithoutTopicSource_MissingField()
    {
        var rejection = OnlyRejection(Sensor("21.5", Context(metric: "temp")));

        Assert.Equal((0, RejectReason.MissingField), (rejection.Index, rejection.Reason));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'"', 0xFF, 0xFE, (byte)'"' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    public void SensorJson_InvalidUtf8_FailsWholeBodyAsMalformed(byte[] body)
    {
        var rejection = OnlyRejection(SensorJsonDecoder.Decode(body, Context()));

        Assert.Equal((-1, RejectReason.Malformed), (rejection.Index, rejection.Reason));
        Assert.Contains("UTF-8", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"source\":\"\\ud800\"," + T + ",\"readings\":{\"a\":1}}")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"\\udc00\":1}}")]
    [InlineData("{\"\\ud83d\\u0041\":1}")]
    public void SensorJson_LoneSurrogateEscape_FailsWholeBodyAsMalformed(string json)
    {
        var rejection = OnlyRejection(Sensor(json));

        Assert.Equal((-1, RejectReason.Malformed), (rejection.Index, rejection.Reason));
        Assert.Contains("surrogate", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void SensorJson_EscapedSurrogatePairAndBackslashU_Accepted()
    {
        var e = OnlyEnvelope(Sensor("{\"source\":\"\\ud83d\\ude00\\\\u\"," + T + ",\"readings\":{\"a\":1}}"));

        Assert.Equal("\U0001F600\\u", e.Source.Value);
    }
}
