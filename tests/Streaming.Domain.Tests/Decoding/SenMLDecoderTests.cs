using static Streaming.Domain.Tests.DecodeFixtures;

namespace Streaming.Domain.Tests;

/// <summary>The RFC 8428 §5.1 examples, as golden files, with their resolved values.</summary>
[Trait("Category", "Domain")]
public sealed class SenMLDecoderTests
{
    private static readonly DateTimeOffset Rfc513Base = DateTimeOffset.FromUnixTimeSeconds(1_320_067_464);

    [Fact]
    public void SenML_Rfc5_1_1SingleDatapoint_SplitAtLastColonAndTimedNow()
    {
        var e = OnlyEnvelope(SenMLDecoder.Decode(Golden("senml-rfc8428-5.1.1-single.json"), Context()));

        Assert.Equal(new SourceId("urn:dev:ow"), e.Source);
        Assert.Equal(ReceivedAt, e.EventTime);
        Assert.Equal(new EnvelopeId("urn:dev:ow@2026-11-25T10:05:00.0000000Z"), e.Id);
        Assert.Equal(EventKind.Sensor, e.Kind);
        Assert.Equal(new Reading("10e2073a01080063", 23.1, "Cel"), Assert.Single(Readings(e)));
    }

    [Fact]
    public void SenML_Rfc5_1_2MultipleDatapoints_OneEnvelopeWithBothReadings()
    {
        var e = OnlyEnvelope(SenMLDecoder.Decode(Golden("senml-rfc8428-5.1.2-multiple-datapoints.json"), Context()));

        Assert.Equal(new SourceId("urn:dev:ow:10e2073a01080063"), e.Source);
        Assert.Equal(ReceivedAt, e.EventTime);
        Assert.Equal([new Reading("voltage", 120.1, "V"), new Reading("current", 1.2, "A")], Readings(e));
    }

    [Fact]
    public void SenML_Rfc5_1_2MultipleDatapointsWithTime_RelativeTimesResolvedAgainstBaseTime()
    {
        var result = SenMLDecoder.Decode(Golden("senml-rfc8428-5.1.2-multiple-datapoints-time.json"), Context());
        var bt = new DateTimeOffset(2010, 6, 8, 18, 1, 16, 1, TimeSpan.Zero);

        Assert.Empty(result.Rejections);
        Assert.All(result.Envelopes, e => Assert.Equal(new SourceId("urn:dev:ow:10e2073a0108006"), e.Source));
        Assert.Equal([bt, .. Enumerable.Range(1, 5).Select(i => bt.AddSeconds(i - 6))], result.Envelopes.Select(e => e.EventTime));
        Assert.Equal("urn:dev:ow:10e2073a0108006@2010-06-08T18:01:16.0010000Z", result.Envelopes[0].Id.Value);
        Assert.Equal([new Reading("voltage", 120.1, "V"), new Reading("current", 1.7, "A")], Readings(result.Envelopes[0]));
        Assert.Equal([1.2, 1.3, 1.4, 1.5, 1.6], result.Envelopes.Skip(1).Select(e => Assert.Single(Readings(e)).Value));
        Assert.All(result.Envelopes.Skip(1), e => Assert.Equal("A", Assert.Single(Readings(e)).Unit));
    }

    [Fact]
    public void SenML_Rfc5_1_3MultipleMeasurements_GroupedByTimeWithBaseUnit()
    {
        var result = SenMLDecoder.Decode(Golden("senml-rfc8428-5.1.3-multiple-measurements.json"), Context());

        Assert.Empty(result.Rejections);
        Assert.Equal([0, 60, 120, 150, 180], result.Envelopes.Select(e => (e.EventTime - Rfc513Base).TotalSeconds));
        Assert.All(result.Envelopes, e => Assert.Equal(new SourceId("urn:dev:ow"), e.Source));
        // The RFC's names carry no metric after the device address, so the address is the metric and the unit tells them apart.
        Assert.Equal(
            [new Reading("10e2073a01080063", 20, "%RH"), new Reading("10e2073a01080063", 24.30621, "lon"), new Reading("10e2073a01080063", 60.07965, "lat")],
            Readings(result.Envelopes[0]));
        Assert.Equal(new Reading("10e2073a01080063", 98, "%EL"), Assert.Single(Readings(result.Envelopes[3])));
        Assert.Equal([21.2, 24.30628, 60.07967], Readings(result.Envelopes[4]).Select(r => r.Value));
    }

    [Fact]
    public void SenML_Rfc5_1_4ResolvedData_SameEnvelopesAsPackedForm()
    {
        var packed = SenMLDecoder.Decode(Golden("senml-rfc8428-5.1.3-multiple-measurements.json"), Context());
        var resolved = SenMLDecoder.Decode(Golden("senml-rfc8428-5.1.4-resolved.json"), Context());

        Assert.Empty(resolved.Rejections);
        Assert.Equal(Flatten(packed), Flatten(resolved));
        Assert.Equal(13, Flatten(resolved).Count);
    }

    [Fact]
    public void SenML_Rfc5_1_5MultipleDataTypes_NumericKeptOthersRejectedAsUnknownKind()
    {
        var result = SenMLDecoder.Decode(Golden("senml-rfc8428-5.1.5-multiple-datatypes.json"), Context());

        Assert.Equal(new Reading("temp", 23.1, "Cel"), Assert.Single(Readings(Assert.Single(result.Envelopes))));
        Assert.Equal([1, 2, 3], result.Rejections.Select(r => r.Index));
        Assert.All(result.Rejections, r => Assert.Equal(
            (RejectReason.UnknownKind, "string/boolean/data values are not sensor readings"), (r.Reason, r.Detail)));
    }

    [Fact]
    public void SenML_Rfc5_1_7BaseOnlyRecord_SetsNameWithoutReadingOrRejection()
    {
        var e = OnlyEnvelope(SenMLDecoder.Decode(Golden("senml-rfc8428-5.1.7-actuator.json"), Context()));

        Assert.Equal(new SourceId("urn:dev:ow:10e2073a01080063"), e.Source);
        Assert.Equal(["temp", "heat", "fan"], Readings(e).Select(r => r.Metric));
    }

    [Theory]
    [InlineData("""[{"bn":"dev:","bv":10,"n":"x","v":1.5}]""", 11.5)]
    [InlineData("""[{"bn":"dev:","bs":100,"n":"energy","s":12}]""", 112)]
    [InlineData("""[{"n":"dev:x","v":2,"s":50}]""", 2)]
    public void SenML_BaseValueAndSum_AddedToRecord(string json, double expected)
    {
        var e = OnlyEnvelope(SenML(json));

        Assert.Equal(expected, Assert.Single(Readings(e)).Value);
    }

    [Fact]
    public void SenML_SmallTime_RelativeToIngestTime()
    {
        var e = OnlyEnvelope(SenML("""[{"n":"dev:x","v":1,"t":-60.5}]"""));

        Assert.Equal(ReceivedAt.AddSeconds(-60.5), e.EventTime);
    }

    [Fact]
    public void SenML_NameWithoutSeparator_UsesChannelSource()
    {
        var e = OnlyEnvelope(SenML("""[{"n":"temp","v":21}]""", Context(source: "th-3")));

        Assert.Equal((new SourceId("th-3"), "temp"), (e.Source, Assert.Single(Readings(e)).Metric));
    }

    private static List<(string Id, string Source, DateTimeOffset Time, Reading Reading)> Flatten(DecodeResult result) =>
        [.. result.Envelopes.SelectMany(e => Readings(e).Select(r => (e.Id.Value, e.Source.Value, e.EventTime, r)))];
}
