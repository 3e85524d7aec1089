using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class SensorCleaningUnitsTests
{
    private static CleanReading CleanOne(string metric, double value, string? unit) =>
        Assert.Single(SensorCleaning.Clean(Envelope("e1", T0, Reading(metric, value, unit)), new(), new()).Event!.Readings);

    [Theory]
    [InlineData("temperature", 300, "K", "temperature", 26.85, "Cel")]
    [InlineData("temp", 68, "degF", "temperature", 20, "Cel")]
    [InlineData("t", 104, "°F", "temperature", 40, "Cel")]
    [InlineData("pressure", 101325, "Pa", "pressure", 1013.25, "hPa")]
    [InlineData("pres", 101.3, "kPa", "pressure", 1013, "hPa")]
    [InlineData("pm2.5", 0.012, "mg/m3", "pm25", 12, "ug/m3")]
    [InlineData("PM10", 0.5, "MG/M3", "pm10", 500, "ug/m3")]
    [InlineData("co", 500, "ug/m3", "co", 0.5, "mg/m3")]
    [InlineData("co2", 800_000, "ppb", "co2", 800, "ppm")]
    public void Clean_ConvertibleUnit_ConvertedToCanonicalAndFlagged(
        string metric, double value, string unit, string expectedMetric, double expectedValue, string expectedUnit)
    {
        var reading = CleanOne(metric, value, unit);

        Assert.Equal(expectedMetric, reading.Metric);
        Assert.Equal(expectedValue, reading.Value, 1e-9);
        Assert.Equal(expectedUnit, reading.Unit);
        Assert.Equal(ReadingFlags.UnitConverted, reading.Flags);
    }

    [Theory]
    [InlineData("temperature", 50, "Cel")]
    [InlineData("temperature", 50, "degC")]
    [InlineData("temperature", 50, " °C ")]
    [InlineData("humidity", 50, "%")]
    [InlineData("pressure", 1013.25, "mbar")]
    [InlineData("pm25", 50, "µg/m3")]
    [InlineData("noise", 50, "dB(A)")]
    [InlineData("temperature", 50, null)]
    public void Clean_CanonicalUnitOrSpelling_ValueUnchangedAndNotFlagged(string metric, double value, string? unit)
    {
        var reading = CleanOne(metric, value, unit);

        Assert.Equal(value, reading.Value);
        Assert.Equal(MetricCatalog.DefaultLimits[metric].CanonicalUnit, reading.Unit);
        Assert.Equal(ReadingFlags.None, reading.Flags);
    }

    [Theory]
    [InlineData("pm2.5", "pm25")]
    [InlineData("PM2_5", "pm25")]
    [InlineData("temp", "temperature")]
    [InlineData(" Temp ", "temperature")]
    [InlineData("rh", "humidity")]
    [InlineData("laeq", "noise")]
    [InlineData("people", "occupancy")]
    [InlineData("Flow", "flow")]
    public void CanonicalName_AliasOrCase_FoldedToCanonical(string metric, string expected)
    {
        Assert.Equal(expected, MetricCatalog.CanonicalName(metric));
        Assert.Equal(expected, CleanOne(metric, 50, null).Metric);
    }

    [Fact]
    public void CanonicalName_KnownMetricDecodedAfresh_OneSharedInstance()
    {
        var decoded = new string("pm25".AsSpan()); // what a decoder makes of each reading: a string of its own

        Assert.NotSame("pm25", decoded);
        Assert.Same("pm25", MetricCatalog.CanonicalName(decoded));
        Assert.Same(CleanOne("pm25", 50, null).Metric, CleanOne(new string("pm25".AsSpan()), 51, null).Metric);
    }

    [Fact]
    public void CanonicalName_UnknownMetric_KeptAsSent()
    {
        var decoded = $"river-level-{Guid.NewGuid():N}"; // in no intern pool: nothing is added to it for a sender

        Assert.Same(decoded, MetricCatalog.CanonicalName(decoded));
    }

    [Fact]
    public void TryConvert_KnownConversion_ConvertedAndChanged()
    {
        Assert.True(MetricCatalog.TryConvert("Cel", "K", 273.15, out var converted, out var changed));
        Assert.Equal(0, converted, 1e-12);
        Assert.True(changed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Cel")]
    [InlineData(" DegC ")]
    public void TryConvert_NoUnitOrIdentitySpelling_UnchangedValue(string? unit)
    {
        Assert.True(MetricCatalog.TryConvert("Cel", unit, 21.5, out var converted, out var changed));
        Assert.Equal(21.5, converted);
        Assert.False(changed);
    }

    [Theory]
    [InlineData("ug/m3", "ppb")]
    [InlineData("Cel", "hPa")]
    public void TryConvert_UnknownOrAmbiguousUnit_FalseAndValueUnchanged(string canonical, string unit)
    {
        Assert.False(MetricCatalog.TryConvert(canonical, unit, 7, out var converted, out var changed));
        Assert.Equal(7, converted);
        Assert.False(changed);
    }
}
