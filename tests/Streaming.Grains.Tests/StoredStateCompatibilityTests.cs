using Orleans.Serialization;
using Streaming.Domain;

namespace Streaming.Grains.Tests;

/// <summary>
/// States already in grain storage (PostgreSQL in production) must read back after an upgrade. The golden files hold
/// states as earlier versions wrote them: entity-state-open-windows-v1 before open windows became a list (a SortedDictionary
/// by start: pm25 readings at 10:00:05 and 10:00:50, the 10:00 minute, and 10:01:05, the 10:01 minute, all in the 10:00
/// hour); source-, entity- and rollup-state-v1 (<see cref="StoredStateGolden"/>) before the state classes stopped tracking
/// references, when every window, accumulator and sketch was recorded in the serializer's reference table and a sketch's
/// buckets were two lists of their own; settled-sequences-v1 before a roll-up's child sequences became one packed field;
/// entity-state-v2 before a series' open windows became an array (a list) and its final windows were written only when any
/// were.
/// </summary>
[Trait("Category", "Grains")]
public sealed class StoredStateCompatibilityTests
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey Pm25 = new(EventKind.Sensor, "pm25");
    private readonly Serializer _serializer = StoredStateGolden.Serializer;

    [Fact]
    public void EntityState_WrittenWithOpenWindowsByStart_ReadsBackEveryOpenWindow()
    {
        var bytes = Convert.FromBase64String(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "entity-state-open-windows-v1.b64")));

        var state = _serializer.Deserialize<EntityState>(bytes);

        AssertOpenWindows(state);
    }

    [Fact]
    public void EntityState_WrittenNow_ReadsBackTheSame()
    {
        var options = new WindowOptions();
        var state = new EntityState { EventsApplied = 3, Area = "E38000001" };
        // Out of order on purpose: the list keeps start order however the windows opened.
        state.Windows.Add(Pm25, 30, Ten.AddMinutes(1).AddSeconds(5), options, null);
        state.Windows.Add(Pm25, 10, Ten.AddSeconds(5), options, null);
        state.Windows.Add(Pm25, 20, Ten.AddSeconds(50), options, null);

        AssertOpenWindows(_serializer.Deserialize<EntityState>(_serializer.SerializeToArray(state)));
    }

    [Fact]
    public void States_WrittenWithTrackedReferences_ReadBackWhole()
    {
        var (source, entity, area) = StoredStateGolden.Build();

        AssertReadsBackAs(source, "source-state-v1.b64");
        AssertReadsBackAs(entity, "entity-state-v1.b64");
        AssertReadsBackAs(area, "rollup-state-v1.b64");
    }

    [Fact]
    public void EntityState_WrittenWithOpenWindowsAsAList_ReadsBackWhole() =>
        AssertReadsBackAs(StoredStateGolden.Build().Entity, "entity-state-v2.b64");

    [Fact]
    public void SettledSequences_WrittenAsADictionary_ReadBackWhole() =>
        AssertReadsBackAs(StoredStateGolden.Settled(), "settled-sequences-v1.b64");

    // Read with this version and written again, the stored state must be what this version writes for the same state: every
    // field, window and dictionary entry came back (dictionaries keep their order through a round trip). Dedupe memories
    // seal their keys as they are added, so which are sealed depends on the history: both are sealed whole to compare.
    private void AssertReadsBackAs<T>(T expected, string golden)
    {
        var stored = Convert.FromBase64String(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", golden)));

        var read = _serializer.Deserialize<T>(stored);

        Assert.Equal(Convert.ToBase64String(_serializer.SerializeToArray(SealedWhole(expected))),
            Convert.ToBase64String(_serializer.SerializeToArray(SealedWhole(read))));
    }

    private static T SealedWhole<T>(T state)
    {
        if (state is SourceCleaningState source)
        {
            source.SeenEnvelopes.Reseal();
            source.SeenReadings.Reseal();
        }
        if (state is EntityState entity)
        {
            entity.Applied.Reseal();
        }
        return state;
    }

    private static void AssertOpenWindows(EntityState? state)
    {
        Assert.NotNull(state);
        Assert.Equal(3, state.EventsApplied);
        Assert.Equal("E38000001", state.Area);
        var minutes = state.Windows.Query(new WindowKey(Pm25, TimeSpan.FromMinutes(1).Ticks), null, null).ToList();
        Assert.Equal([Ten, Ten.AddMinutes(1)], minutes.Select(w => w.Start));
        Assert.Equal([2L, 1L], minutes.Select(w => w.Aggregate.Count));
        Assert.Equal([15.0, 30.0], minutes.Select(w => w.Aggregate.Mean));
        var hour = Assert.Single(state.Windows.Query(new WindowKey(Pm25, TimeSpan.FromHours(1).Ticks), null, null));
        Assert.Equal(3, hour.Aggregate.Count);
        Assert.Equal(30, hour.Aggregate.Max);
    }
}
