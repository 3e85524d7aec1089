using static Streaming.Domain.Tests.DecodeFixtures;

namespace Streaming.Domain.Tests;

/// <summary>The pasteable examples in docs/payloads.md decode as the doc says.</summary>
[Trait("Category", "Domain")]
public sealed class PayloadDocsExamplesTests
{
    [Fact]
    public void SensorJson_DocsExample_OneEventWithUnitsAndSequence()
    {
        var e = OnlyEnvelope(Sensor(
            """{"source":"aq-17","time":"2026-11-25T10:00:00Z","readings":{"pm25":12.5,"no2":31},"unit":{"pm25":"ug/m3"},"seq":42}"""));

        Assert.Equal(("aq-17#42", GoldenTime), (e.Id.Value, e.EventTime));
        Assert.Equal([new Reading("pm25", 12.5, "ug/m3"), new Reading("no2", 31, null)], Readings(e));
    }

    [Fact]
    public void SenML_DocsExample_TwoEventsGroupedByTime()
    {
        var result = SenML("""
            [
              {"bn":"urn:dev:ow:10e2073a01080063:","bt":1.7956008e+09,"bu":"Cel","n":"temp","v":21.5},
              {"n":"humidity","u":"%RH","v":40},
              {"n":"temp","t":-60,"v":21.4}
            ]
            """);

        Assert.Empty(result.Rejections);
        Assert.Equal([GoldenTime, GoldenTime.AddMinutes(-1)], result.Envelopes.Select(e => e.EventTime));
        Assert.All(result.Envelopes, e => Assert.Equal("urn:dev:ow:10e2073a01080063", e.Source.Value));
        Assert.Equal([new Reading("temp", 21.5, "Cel"), new Reading("humidity", 40, "%RH")], Readings(result.Envelopes[0]));
        Assert.Equal(new Reading("temp", 21.4, "Cel"), Assert.Single(Readings(result.Envelopes[1])));
    }
}
