namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class CaptureTimeTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly DateTime Local = new(2018, 7, 25, 16, 34, 23);

    [Fact]
    public void Resolve_OffsetGiven_OffsetUsed()
    {
        Assert.Equal(new DateTimeOffset(Local, TimeSpan.FromHours(2)),
            CaptureTime.Resolve(Local, TimeSpan.FromHours(2), new DateTime(2018, 7, 25, 20, 0, 0), London));
    }

    [Fact]
    public void Resolve_GpsTimeWithinHalfHourOfWholeOffset_OffsetRoundedToQuarterHour()
    {
        // The fix was taken 15 s before the shutter: -3:59:45 rounds to -4:00.
        var result = CaptureTime.Resolve(new DateTime(2018, 4, 28, 21, 23, 12), null, new DateTime(2018, 4, 29, 1, 22, 57), London);

        Assert.Equal(TimeSpan.FromHours(-4), result.Offset);
    }

    [Fact]
    public void Resolve_GpsTimeForQuarterHourZone_QuarterHourOffset()
    {
        // Nepal, UTC+5:45.
        var result = CaptureTime.Resolve(Local, null, Local - new TimeSpan(5, 45, 3), London);

        Assert.Equal(new TimeSpan(5, 45, 0), result.Offset);
    }

    [Fact]
    public void Resolve_GpsTimeMoreThan14HoursAway_FallbackZone()
    {
        var result = CaptureTime.Resolve(Local, null, Local.AddDays(-3), London);

        Assert.Equal(TimeSpan.FromHours(1), result.Offset);
    }

    [Theory]
    [InlineData(2015, 6, 12, 1)]   // British Summer Time
    [InlineData(2015, 12, 12, 0)]  // Greenwich Mean Time
    public void Resolve_NoOffsetNoGps_LondonTime(int year, int month, int day, int hours)
    {
        var result = CaptureTime.Resolve(new DateTime(year, month, day, 13, 40, 32), null, null, London);

        Assert.Equal(TimeSpan.FromHours(hours), result.Offset);
    }

    [Fact]
    public void Resolve_OffsetOutOfRange_Ignored()
    {
        Assert.Equal(TimeSpan.FromHours(1), CaptureTime.Resolve(Local, TimeSpan.FromHours(15), null, London).Offset);
    }
}
