using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class SensorCleaningRulesTests
{
    private readonly SourceCleaningState _state = new();
    private readonly CleaningOptions _options = new();

    private CleanOutcome Clean(EventEnvelope envelope) => SensorCleaning.Clean(envelope, _state, _options);

    private ReadingRejection OnlyRejection(EventEnvelope envelope)
    {
        var outcome = Clean(envelope);
        Assert.Null(outcome.Event);
        return Assert.Single(outcome.Rejections);
    }

    [Fact]
    public void Clean_NonSensorPayload_RejectedAsUnknownKind()
    {
        var envelope = Envelope("e1", T0) with { Kind = EventKind.Social, Payload = new TextPayload("hello") };

        var rejection = OnlyRejection(envelope);

        Assert.Equal(new EnvelopeId("e1"), rejection.Envelope);
        Assert.Null(rejection.Metric);
        Assert.Equal(RejectReason.UnknownKind, rejection.Reason);
        Assert.Equal(1, _state.Quality.EventsRejected);
    }

    [Fact]
    public void Clean_NoReadings_RejectedAsMissingField()
    {
        var rejection = OnlyRejection(Envelope("e0", T0));

        Assert.Equal(RejectReason.MissingField, rejection.Reason);
        Assert.Equal(1, _state.Quality.Rejected[RejectReason.MissingField]);
    }

    [Fact]
    public void Clean_SameEnvelopeIdTwice_SecondRejectedAsDuplicate()
    {
        Assert.NotNull(Clean(Envelope("e1", T0, Reading("temperature", 20))).Event);

        var rejection = OnlyRejection(Envelope("e1", At(1), Reading("temperature", 21)));

        Assert.Equal(RejectReason.Duplicate, rejection.Reason);
        Assert.Null(rejection.Metric);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Clean_NonFiniteValue_RejectedAsNotANumber(double value)
    {
        var rejection = OnlyRejection(Envelope("e1", T0, Reading("Flow", value)));

        Assert.Equal(RejectReason.NotANumber, rejection.Reason);
        Assert.Equal("flow", rejection.Metric);
    }

    [Theory]
    [InlineData("temperature", "furlongs")]
    [InlineData("no2", "ppb")]
    [InlineData("pm25", "ppm")]
    public void Clean_UnitUnknownForKnownMetric_RejectedAsUnknownUnit(string metric, string unit) =>
        Assert.Equal(RejectReason.UnknownUnit, OnlyRejection(Envelope("e1", T0, Reading(metric, 20, unit))).Reason);

    [Theory]
    [InlineData("temperature", 70.5, null)]
    [InlineData("temperature", -61, "Cel")]
    [InlineData("temperature", 500, "K")]
    [InlineData("humidity", 101, "%")]
    [InlineData("co2", 249, "ppm")]
    public void Clean_OutsideDefaultLimits_RejectedAsOutOfRange(string metric, double value, string? unit) =>
        Assert.Equal(RejectReason.OutOfRange, OnlyRejection(Envelope("e1", T0, Reading(metric, value, unit))).Reason);

    [Fact]
    public void Clean_ConversionOverflowsPastUnboundedLimit_RejectedAsOutOfRange()
    {
        _options.Limits["pm25"] = new MetricLimits(0, double.PositiveInfinity, "ug/m3");

        Assert.Equal(RejectReason.OutOfRange, OnlyRejection(Envelope("e1", T0, Reading("pm25", 1e306, "mg/m3"))).Reason);
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(70)]
    public void Clean_OnDefaultLimit_Accepted(double value) =>
        Assert.Equal(value, Assert.Single(Clean(Envelope("e1", T0, Reading("temperature", value))).Event!.Readings).Value);

    [Fact]
    public void Clean_ConfiguredLimits_ReplaceDefaultsAndApplyToUnknownMetrics()
    {
        _options.Limits["temperature"] = new MetricLimits(0, 30, "Cel");
        _options.Limits["flow"] = new MetricLimits(0, 10, "L/min");

        Assert.Equal(RejectReason.OutOfRange, OnlyRejection(Envelope("e1", At(0), Reading("temperature", 35))).Reason);
        Assert.Equal(RejectReason.OutOfRange, OnlyRejection(Envelope("e2", At(1), Reading("temperature", -5))).Reason);
        Assert.Equal(RejectReason.OutOfRange, OnlyRejection(Envelope("e3", At(2), Reading("flow", 11))).Reason);
        Assert.NotNull(Clean(Envelope("e4", At(3), Reading("temperature", 25))).Event);
        Assert.NotNull(Clean(Envelope("e5", At(4), Reading("Flow", 10, "L/min"))).Event);
    }

    [Fact]
    public void Clean_UnknownMetric_AcceptedAsSentWithoutRangeCheck()
    {
        var reading = Assert.Single(Clean(Envelope("e1", T0, Reading(" Flow ", 1e12, "L/min"))).Event!.Readings);

        Assert.Equal(new CleanReading("flow", 1e12, "L/min", ReadingFlags.None), reading);
    }

    [Fact]
    public void Clean_SameMetricAndTimeUnderNewEnvelopeId_RejectedAsDuplicateReading()
    {
        Assert.NotNull(Clean(Envelope("e1", T0, Reading("temperature", 20))).Event);

        var rejection = OnlyRejection(Envelope("e2", T0, Reading("temp", 21)));

        Assert.Equal(RejectReason.Duplicate, rejection.Reason);
        Assert.Equal("temperature", rejection.Metric);
        Assert.NotNull(Clean(Envelope("e3", T0, Reading("humidity", 50))).Event);
        Assert.NotNull(Clean(Envelope("e4", At(0, 1), Reading("temperature", 21))).Event);
    }

    [Fact]
    public void Clean_OneBadReading_OthersAndEventAccepted()
    {
        var outcome = Clean(Envelope("e1", T0, Reading("temperature", double.NaN), Reading("humidity", 50), Reading("co2", 420, "ppm")));

        Assert.NotNull(outcome.Event);
        Assert.Equal(["humidity", "co2"], outcome.Event.Readings.Select(r => r.Metric));
        var rejection = Assert.Single(outcome.Rejections);
        Assert.Equal(new ReadingRejection(new EnvelopeId("e1"), "temperature", RejectReason.NotANumber, rejection.Detail), rejection);
        Assert.Equal((1, 0, 2), (_state.Quality.EventsAccepted, _state.Quality.EventsRejected, _state.Quality.ReadingsAccepted));
    }

    [Fact]
    public void Clean_EveryReadingRejected_NoEventAndEventRejectedCounted()
    {
        var outcome = Clean(Envelope("e1", T0, Reading("temperature", 99), Reading("humidity", double.NaN)));

        Assert.Null(outcome.Event);
        Assert.Equal([RejectReason.OutOfRange, RejectReason.NotANumber], outcome.Rejections.Select(r => r.Reason));
        Assert.Equal((0, 1, 0), (_state.Quality.EventsAccepted, _state.Quality.EventsRejected, _state.Quality.ReadingsAccepted));
        Assert.NotNull(Clean(Envelope("e1", T0, Reading("temperature", 20))).Event);
    }

    [Fact]
    public void Clean_AcceptedEvent_CarriesEnvelopeIdentityAndTimes()
    {
        var envelope = Envelope("e1", T0, Reading("temperature", 20));

        var clean = Clean(envelope).Event!;

        Assert.Equal((envelope.Id, envelope.Source, EntityKey.ForSource(Source), EventKind.Sensor, T0, T0.AddSeconds(1)),
            (clean.Id, clean.Source, clean.Entity, clean.Kind, clean.EventTime, clean.ReceivedAt));
    }
}
