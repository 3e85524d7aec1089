using static Streaming.Domain.Tests.DecodeFixtures;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class SensorJsonDecoderTests
{
    [Fact]
    public void SensorJson_GoldenObject_DecodesEveryField()
    {
        var ctx = Context();
        var e = OnlyEnvelope(SensorJsonDecoder.Decode(Golden("sensor-object.json"), ctx));

        Assert.Equal(new EnvelopeId("aq-17#42"), e.Id);
        Assert.Equal(new SourceId("aq-17"), e.Source);
        Assert.Equal(EventKind.Sensor, e.Kind);
        Assert.Equal(new EntityKey("site:harbour"), e.Entity);
        Assert.Equal(GoldenTime, e.EventTime);
        Assert.Equal(42, e.Sequence);
        Assert.Same(ctx.Provenance, e.Provenance);
        Assert.Equal([new Reading("pm25", 12.5, "ug/m3"), new Reading("no2", 31, null)], Readings(e));
    }

    [Fact]
    public void SensorJson_MixedGoldenArray_GoodItemsSurviveBadOnesRejectedByIndex()
    {
        var result = SensorJsonDecoder.Decode(Golden("sensor-array-mixed.json"), Context());

        Assert.Equal(["aq-17#1", "aq-18@2026-11-25T10:00:00.0000000Z", "aq-19-0001"], result.Envelopes.Select(e => e.Id.Value));
        Assert.Equal(new Reading("no2", 31, "ug/m3"), Assert.Single(Readings(result.Envelopes[1])));
        Assert.Equal(new Reading("temp", 21.5, null), Assert.Single(Readings(result.Envelopes[2])));
        Assert.All(result.Envelopes, e => Assert.Equal(GoldenTime, e.EventTime));
        Assert.Equal(
            [(1, RejectReason.WrongType), (3, RejectReason.WrongType), (4, RejectReason.BadTime)],
            result.Rejections.Select(r => (r.Index, r.Reason)));
    }

    [Fact]
    public void SensorJson_NoIdNoSeq_IdIsSourceAtUtcTime()
    {
        var e = OnlyEnvelope(Sensor("""{"source":"aq-17","time":"2026-11-25T12:00:00+02:00","readings":{"pm25":1}}"""));

        Assert.Equal(new EnvelopeId("aq-17@2026-11-25T10:00:00.0000000Z"), e.Id);
        Assert.Equal(TimeSpan.Zero, e.EventTime.Offset);
        Assert.Null(e.Sequence);
        Assert.Null(e.Entity);
    }

    [Fact]
    public void SensorJson_EpochMillisecondsTime_ReadAsUtc()
    {
        var ms = GoldenTime.AddMilliseconds(250).ToUnixTimeMilliseconds();
        var e = OnlyEnvelope(Sensor($$$"""{"source":"aq-17","time":{{{ms}}},"readings":{"pm25":1}}"""));

        Assert.Equal(GoldenTime.AddMilliseconds(250), e.EventTime);
    }

    [Theory]
    [InlineData("""{"time":"2026-11-25T10:00:00Z","readings":{"pm25":1}}""")]
    [InlineData("""{"source":"aq-17","time":"2026-11-25T10:00:00Z","readings":{"pm25":1}}""")]
    public void SensorJson_SourceFromTopic_UsedWhenBodyAgrees(string json)
    {
        var e = OnlyEnvelope(Sensor(json, Context(source: "aq-17")));

        Assert.Equal(new SourceId("aq-17"), e.Source);
    }

    [Fact]
    public void SensorJson_Shorthand_OneReadingWithUnit()
    {
        var e = OnlyEnvelope(Sensor("""{"source":"aq-17","time":"2026-11-25T10:00:00Z","metric":" pm25 ","value":12.5,"unit":"ug/m3"}"""));

        Assert.Equal(new Reading("pm25", 12.5, "ug/m3"), Assert.Single(Readings(e)));
    }

    [Fact]
    public void SensorJson_ValueOnMetricTopic_TakesTopicMetric()
    {
        var e = OnlyEnvelope(Sensor("""{"time":"2026-11-25T10:00:00Z","value":21.5}""", Context("th-3", "temp")));

        Assert.Equal(new Reading("temp", 21.5, null), Assert.Single(Readings(e)));
        Assert.Equal(GoldenTime, e.EventTime);
    }

    [Fact]
    public void SensorJson_BareNumberOnMetricTopic_TimedAtIngest()
    {
        var e = OnlyEnvelope(Sensor("21.5", Context("th-3", "temp")));

        Assert.Equal(new Reading("temp", 21.5, null), Assert.Single(Readings(e)));
        Assert.Equal(ReceivedAt, e.EventTime);
        Assert.Equal(new EnvelopeId("th-3@2026-11-25T10:05:00.0000000Z"), e.Id);
    }

    [Fact]
    public void SensorJson_NumberBeyondDouble_KeptAsInfinityForTheCleaner()
    {
        var e = OnlyEnvelope(Sensor("""{"source":"a","time":"2026-11-25T10:00:00Z","readings":{"x":1e400,"y":-1e400}}"""));

        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity], Readings(e).Select(r => r.Value));
    }

    [Fact]
    public void SensorJson_UnknownFieldsAndEmptyArray_IgnoredQuietly()
    {
        var e = OnlyEnvelope(Sensor("""{"source":"a","time":"2026-11-25T10:00:00Z","readings":{"x":1},"firmware":"1.2"}"""));
        var empty = Sensor("[]");

        Assert.Equal("x", Assert.Single(Readings(e)).Metric);
        Assert.Empty(empty.Envelopes);
        Assert.Empty(empty.Rejections);
    }
}
