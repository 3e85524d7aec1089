using BenchmarkDotNet.Attributes;
using Streaming.Domain;

namespace Streaming.Benchmarks;

/// <summary>
/// The state write an entity grain makes with every batch: its <see cref="EntityState"/> through the Orleans binary
/// serializer, as the embedded default's storage does (PostgreSQL storage serializes the same way before sending it).
/// The entity has received one 3-reading event a minute for <see cref="HistoryMinutes"/>, with the default windows
/// (1 min and 1 h, 180 final windows kept per series). <see cref="WholeState"/> writes every final window kept, as each
/// batch did before they were archived apart; <see cref="StateAfterArchive"/> the state just after an archive
/// (<see cref="FinalWindowArchive"/>), which holds only the final windows closed since; <see cref="ArchiveRecord"/> the
/// archive record, written once <see cref="FinalWindowArchive.ArchiveAfter"/> final windows have gathered.
/// </summary>
[MemoryDiagnoser]
public class StateWriteBenchmarks
{
    private EntityState _state = null!;
    private EntityState _archived = null!;
    private FinalWindows _archive = null!;

    [Params(10, 60, 180, 720)]
    public int HistoryMinutes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = Build();
        _archived = Build();
        _archive = FinalWindowArchive.Collect(_archived.Windows);
        FinalWindowArchive.MarkArchived(_archived.Windows, _archive);
    }

    private EntityState Build()
    {
        var random = new Random(42);
        var options = new WindowOptions();
        var source = new SourceId("aq-1");
        var state = new EntityState();
        for (var minute = 0; minute < HistoryMinutes; minute++)
        {
            var time = Data.Epoch.AddMinutes(minute);
            CleanReading[] readings =
                [.. Data.Metrics.Select(m => new CleanReading(m.Metric, Data.Value(random, m.Typical), m.Unit, ReadingFlags.None))];
            var result = EntityModel.Apply(state, [new CleanEvent(new EnvelopeId($"aq-1#{minute}"), source, EntityKey.ForSource(source),
                EventKind.Sensor, time, time.AddSeconds(1), readings)], options, maxDedupeEntries: 20_000);
            if (result.Outcomes[0] != ApplyOutcome.Applied)
            {
                throw new InvalidOperationException("a history event was not applied; the state would not be the one described");
            }
        }
        return state;
    }

    [Benchmark(Baseline = true)]
    public byte[] WholeState() => Data.StateSerializer.SerializeToArray(_state);

    [Benchmark]
    public byte[] StateAfterArchive() => Data.StateSerializer.SerializeToArray(_archived);

    [Benchmark]
    public byte[] ArchiveRecord() => Data.StateSerializer.SerializeToArray(_archive);
}
