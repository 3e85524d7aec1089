using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class WindowSetAlignmentTests
{
    private readonly WindowOptions _options = Windows(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
    private readonly WindowSet _set = new();

    private DateTimeOffset[] Starts(WindowKey key) => [.. _set.Query(key, null, null).Select(r => r.Start)];

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 30, 0)]
    [InlineData(0, 59, 0)]
    [InlineData(1, 0, 1)]
    [InlineData(59, 59, 59)]
    public void Add_EventTime_AlignedToMinuteStart(int minutes, int seconds, int expectedStartMinute)
    {
        _set.Add(Temperature, 1, At(minutes, seconds), _options, null);

        Assert.Equal([At(expectedStartMinute)], Starts(Minute));
        Assert.Equal([T0], Starts(Hour));
    }

    [Fact]
    public void Add_EventExactlyAtWindowEnd_BelongsToNextWindow()
    {
        _set.Add(Temperature, 1, At(0, 59).AddTicks(9_999_999), _options, null);
        _set.Add(Temperature, 2, At(1), _options, null);
        _set.Add(Temperature, 3, At(60), _options, null);

        var minutes = _set.Query(Minute, null, null).ToArray();
        Assert.Equal([(At(0), At(1), 1L), (At(1), At(2), 1L), (At(60), At(61), 1L)], minutes.Select(r => (r.Start, r.End, r.Aggregate.Count)));
        Assert.Equal([(T0, 2L), (At(60), 1L)], _set.Query(Hour, null, null).Select(r => (r.Start, r.Aggregate.Count)));
    }

    [Theory]
    [InlineData("1969-12-31T23:59:30Z", "1969-12-31T23:59:00Z", "1969-12-31T23:00:00Z")]
    [InlineData("1969-07-20T20:17:40Z", "1969-07-20T20:17:00Z", "1969-07-20T20:00:00Z")]
    [InlineData("1900-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "1900-01-01T00:00:00Z")]
    [InlineData("2026-11-25T12:00:30+02:00", "2026-11-25T10:00:00Z", "2026-11-25T10:00:00Z")]
    public void Add_TimeBefore1970OrWithOffset_AlignedInUtc(string time, string minuteStart, string hourStart)
    {
        _set.Add(Temperature, 1, DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), _options, null);

        Assert.Equal([DateTimeOffset.Parse(minuteStart, System.Globalization.CultureInfo.InvariantCulture)], Starts(Minute));
        Assert.Equal([DateTimeOffset.Parse(hourStart, System.Globalization.CultureInfo.InvariantCulture)], Starts(Hour));
    }

    [Fact]
    public void IsLate_BeforeAnyEvent_NothingLate()
    {
        Assert.False(_set.IsLate(DateTimeOffset.MinValue, _options));
        Assert.Equal(long.MinValue, _set.WatermarkTicks(_options));
    }

    [Fact]
    public void IsLate_WatermarkIsMaxEventTimeMinusLateness_OnlyOlderIsLate()
    {
        _set.Add(Temperature, 1, At(10), _options, null);
        _set.Add(Temperature, 1, At(7), _options, null);

        Assert.Equal(At(5).UtcTicks, _set.WatermarkTicks(_options));
        Assert.False(_set.IsLate(At(5), _options));
        Assert.True(_set.IsLate(At(5).AddTicks(-1), _options));
        Assert.False(_set.IsLate(At(7), _options));
    }

    [Fact]
    public void IsLate_LongerLateness_WatermarkTrailsFurther()
    {
        var options = Windows();
        options.AllowedLateness = TimeSpan.FromMinutes(30);
        _set.Add(Temperature, 1, At(60), options, null);

        Assert.False(_set.IsLate(At(30), options));
        Assert.True(_set.IsLate(At(29, 59), options));
    }
}
