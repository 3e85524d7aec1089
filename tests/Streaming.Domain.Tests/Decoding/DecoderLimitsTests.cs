using static Streaming.Domain.Tests.DecodeFixtures;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class DecoderLimitsTests
{
    private const string T = "\"time\":\"2026-11-25T10:00:00Z\"";

    public static TheoryData<string> Decoders => ["sensor", "senml"];

    [Theory]
    [MemberData(nameof(Decoders))]
    public void Decoder_BodyOverLimit_TooLargeBeforeParsing(string decoder)
    {
        var limits = new DecodeLimits { MaxBodyBytes = 64 };
        var garbage = Enumerable.Repeat((byte)'{', 65).ToArray();

        var rejection = OnlyRejection(Decode(decoder, garbage, Context(limits: limits)));

        Assert.Equal((-1, RejectReason.TooLarge), (rejection.Index, rejection.Reason));
        Assert.Contains("65 bytes", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sensor", """[{"source":"a","time":"2026-11-25T10:00:00Z","readings":{"x":1}}]""")]
    [InlineData("senml", """[{"n":"dev:x","v":1}]""")]
    public void Decoder_BodyExactlyAtLimit_Decoded(string decoder, string json)
    {
        var limits = new DecodeLimits { MaxBodyBytes = Utf8(json).Length };

        Assert.Single(Decode(decoder, Utf8(json), Context(limits: limits)).Envelopes);
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void Decoder_MoreItemsThanLimit_FailsWithoutDecodingAny(string decoder)
    {
        var ctx = Context(limits: new DecodeLimits { MaxEventsPerBody = 2 });

        var over = OnlyRejection(Decode(decoder, Utf8("[1,2,3]"), ctx));
        var atLimit = Decode(decoder, Utf8("[1,2]"), ctx);

        Assert.Equal((-1, RejectReason.TooLarge), (over.Index, over.Reason));
        Assert.Equal([0, 1], atLimit.Rejections.Select(r => r.Index));
    }

    [Theory]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":1,\"b\":2,\"c\":3}}", "readings has more than 2")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":1},\"unit\":{\"a\":\"V\",\"b\":\"V\",\"c\":\"V\"}}", "unit has more than 2")]
    public void SensorJson_MoreReadingsThanLimit_TooLarge(string json, string detail)
    {
        var rejection = OnlyRejection(Sensor(json, Context(limits: new DecodeLimits { MaxReadingsPerEvent = 2 })));

        Assert.Equal((0, RejectReason.TooLarge), (rejection.Index, rejection.Reason));
        Assert.Contains(detail, rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void SenML_GroupOverReadingLimit_LaterRecordsRejected()
    {
        var ctx = Context(limits: new DecodeLimits { MaxReadingsPerEvent = 2 });

        var result = SenML("""[{"bn":"dev:","n":"a","v":1},{"n":"b","v":2},{"n":"c","v":3},{"n":"d","v":4,"t":-1}]""", ctx);

        Assert.Equal([2, 1], result.Envelopes.Select(e => Readings(e).Length));
        Assert.Equal((2, RejectReason.TooLarge), (Assert.Single(result.Rejections).Index, result.Rejections[0].Reason));
    }

    [Theory]
    [InlineData("{\"source\":\"abcdefghi\"," + T + ",\"readings\":{\"a\":1}}", "source")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"abcdefghi\":1}}", "metric name")]
    [InlineData("{\"source\":\"s\"," + T + ",\"metric\":\"abcdefghi\",\"value\":1}", "metric")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":1},\"unit\":{\"a\":\"abcdefghi\"}}", "unit of 'a'")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":1},\"id\":\"abcdefghi\"}", "id")]
    [InlineData("{\"source\":\"s\"," + T + ",\"readings\":{\"a\":1},\"entity\":\"abcdefghi\"}", "entity")]
    [InlineData("{\"source\":\"\\u0061\\u0061\\u0061\\u0061\\u0061\\u0061\\u0061\\u0061\\u0061\"," + T + ",\"readings\":{\"a\":1}}", "source")]
    public void SensorJson_IdentifierOverLimit_TooLarge(string json, string field)
    {
        var rejection = OnlyRejection(Sensor(json, Context(limits: new DecodeLimits { MaxIdentifierLength = 8 })));

        Assert.Equal((0, RejectReason.TooLarge), (rejection.Index, rejection.Reason));
        Assert.StartsWith(field + " is longer than 8", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void SensorJson_IdentifierAtLimitAfterTrim_Accepted()
    {
        var ctx = Context(limits: new DecodeLimits { MaxIdentifierLength = 8 });

        var e = OnlyEnvelope(Sensor("{\"source\":\" abcdefgh \"," + T + ",\"readings\":{\"  abcdefgh\":1}}", ctx));

        Assert.Equal(("abcdefgh", "abcdefgh"), (e.Source.Value, Readings(e)[0].Metric));
    }

    [Theory]
    [InlineData("""[{"bn":"abcdefghi:","n":"x","v":1}]""", -1)]
    [InlineData("""[{"n":"dev:abcdefgh","v":1}]""", 0)]
    [InlineData("""[{"bn":"abcdefgh","n":"ijk:x","v":1}]""", 0)]
    [InlineData("""[{"n":"d:x","u":"abcdefghi","v":1}]""", 0)]
    public void SenML_NameOrUnitOverLimit_TooLarge(string json, int index)
    {
        var rejection = OnlyRejection(SenML(json, Context(limits: new DecodeLimits { MaxIdentifierLength = 8 })));

        Assert.Equal((index, RejectReason.TooLarge), (rejection.Index, rejection.Reason));
    }

    private static DecodeResult Decode(string decoder, byte[] body, DecodeContext ctx) =>
        decoder == "sensor" ? SensorJsonDecoder.Decode(body, ctx) : SenMLDecoder.Decode(body, ctx);
}
