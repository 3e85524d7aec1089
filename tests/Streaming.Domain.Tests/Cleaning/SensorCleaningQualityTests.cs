using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class SensorCleaningQualityTests
{
    private readonly SourceCleaningState _state = new();
    private readonly CleaningOptions _options = new();
    private int _next;

    /// <summary>Cleans one temperature reading under a new envelope id and returns its flags.</summary>
    private ReadingFlags Temperature(DateTimeOffset time, double value, string? unit = null) =>
        Assert.Single(SensorCleaning.Clean(Envelope($"e{++_next}", time, Reading("temperature", value, unit)), _state, _options).Event!.Readings).Flags;

    [Fact]
    public void Clean_StuckRepeatsIdenticalValues_FlaggedStuckUntilValueChanges()
    {
        _options.Limits["temperature"] = new MetricLimits(-60, 70, "Cel", StuckRepeats: 3);

        ReadingFlags[] flags = [Temperature(At(0), 20), Temperature(At(1), 20), Temperature(At(2), 20), Temperature(At(3), 20), Temperature(At(4), 21)];

        Assert.Equal([ReadingFlags.None, ReadingFlags.None, ReadingFlags.Stuck, ReadingFlags.Stuck, ReadingFlags.None], flags);
    }

    [Fact]
    public void Clean_DefaultStuckRepeats_SixtiethIdenticalValueFlagged()
    {
        var flags = Enumerable.Range(0, 60).Select(i => Temperature(At(i), 20)).ToArray();

        Assert.All(flags[..59], f => Assert.Equal(ReadingFlags.None, f));
        Assert.Equal(ReadingFlags.Stuck, flags[59]);
    }

    [Fact]
    public void Clean_StuckCheckDisabled_NeverFlagged()
    {
        _options.Limits["temperature"] = new MetricLimits(-60, 70, "Cel", StuckRepeats: 0);

        Assert.All(Enumerable.Range(0, 100).Select(i => Temperature(At(i), 20)), f => Assert.Equal(ReadingFlags.None, f));
    }

    [Fact]
    public void Clean_JumpBeyondSpikeDelta_FlaggedSpike()
    {
        // Default temperature SpikeDelta is 15: a change of exactly 15 is not a spike, 15.5 is.
        ReadingFlags[] flags = [Temperature(At(0), 20), Temperature(At(1), 35), Temperature(At(2), 19.5), Temperature(At(3), 19.5)];

        Assert.Equal([ReadingFlags.None, ReadingFlags.None, ReadingFlags.Spike, ReadingFlags.None], flags);
    }

    [Fact]
    public void Clean_SpikeAfterConversion_ComparedInCanonicalUnit()
    {
        Assert.Equal(ReadingFlags.None, Temperature(At(0), 20));

        Assert.Equal(ReadingFlags.UnitConverted, Temperature(At(1), 95, "degF"));
        Assert.Equal(ReadingFlags.UnitConverted | ReadingFlags.Spike, Temperature(At(2), 288.15, "K"));
    }

    [Fact]
    public void Clean_OlderThanPreviousReading_FlaggedOutOfOrderAndIgnoredByStuckAndSpike()
    {
        _options.Limits["temperature"] = new MetricLimits(-60, 70, "Cel", SpikeDelta: 15, StuckRepeats: 3);

        ReadingFlags[] flags =
        [
            Temperature(At(1), 20), Temperature(At(0), 60), Temperature(At(0, 30), 20),
            Temperature(At(2), 20), Temperature(At(3), 20),
        ];

        Assert.Equal([ReadingFlags.None, ReadingFlags.OutOfOrder, ReadingFlags.OutOfOrder, ReadingFlags.None, ReadingFlags.Stuck], flags);
    }

    [Fact]
    public void Clean_MetricsTrackedSeparately_FlagsPerMetric()
    {
        Assert.Equal(ReadingFlags.None, Temperature(At(1), 20));

        var outcome = SensorCleaning.Clean(Envelope("h", At(0), Reading("humidity", 50)), _state, _options);

        Assert.Equal(ReadingFlags.None, Assert.Single(outcome.Event!.Readings).Flags);
    }

    [Fact]
    public void Clean_MixedInput_QualityCountersMatch()
    {
        Temperature(At(0), 20);
        Temperature(At(1), 290, "K");
        Temperature(At(2), 40);
        Temperature(At(0, 30), 20);
        SensorCleaning.Clean(Envelope("e1", At(5), Reading("temperature", 21)), _state, _options);
        SensorCleaning.Clean(Envelope("x1", At(6), Reading("temperature", double.NaN), Reading("humidity", 50)), _state, _options);
        SensorCleaning.Clean(Envelope("x2", At(7), Reading("temperature", 100), Reading("no2", 3, "ppb")), _state, _options);
        SensorCleaning.Clean(Envelope("x3", At(8)) with { Payload = new TextPayload("hi") }, _state, _options);

        var quality = _state.Quality;
        Assert.Equal(5, quality.EventsAccepted);
        Assert.Equal(3, quality.EventsRejected);
        Assert.Equal(5, quality.ReadingsAccepted);
        Assert.Equal(
            new Dictionary<RejectReason, long>
            {
                [RejectReason.Duplicate] = 1, [RejectReason.NotANumber] = 1, [RejectReason.OutOfRange] = 1,
                [RejectReason.UnknownUnit] = 1, [RejectReason.UnknownKind] = 1,
            },
            quality.Rejected);
        Assert.Equal(
            new Dictionary<ReadingFlags, long> { [ReadingFlags.UnitConverted] = 1, [ReadingFlags.Spike] = 1, [ReadingFlags.OutOfOrder] = 1 },
            quality.Flagged);
    }
}
