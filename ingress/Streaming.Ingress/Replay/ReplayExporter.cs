using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// Exports a time range from a <see cref="IReplaySource"/> (the archive by default, or the Kafka ingest topic): reads it in replay order, re-runs the pure domain over it
/// (<see cref="DomainReplay"/>) and writes one row per cleaned reading the entity applied, reporting progress about once
/// a second. Cancellation stops it between chunks of events.
/// </summary>
public sealed class ReplayExporter(Func<IReplaySource> source, ReplaySettings settings, TimeProvider time)
{
    /// <summary>An exporter reading the archive in <paramref name="archiveFolder"/>.</summary>
    public ReplayExporter(string archiveFolder, ReplaySettings settings, TimeProvider time)
        : this(() => new ArchiveReader(archiveFolder), settings, time)
    {
    }

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    // Envelopes cleaned and applied together, as a live batch is (the ingest endpoints' batches are of this order).
    private const int ChunkSize = 1000;

    /// <summary>
    /// Most events per second, or null for as fast as it goes: paces a long run in a live silo so the live pipeline keeps
    /// its CPU. Chunks shrink to a tenth of a second's events; entity windows do not depend on the chunking.
    /// </summary>
    public double? MaxEventsPerSecond { get; init; }

    /// <summary>Runs the export into <paramref name="writer"/> and completes it.</summary>
    public Task<ReplayResult> ExportAsync(ReplayPlan plan, IReplayWriter writer, IProgress<ReplayProgress>? progress,
        CancellationToken cancellationToken = default) =>
        RunAsync(plan, new DomainReplay(settings), writer, progress, cancellationToken);

    /// <summary>
    /// Runs the plan through <paramref name="domain"/> (a sandbox passes one that keeps roll-ups) and writes its rows into
    /// <paramref name="writer"/>.
    /// </summary>
    public async Task<ReplayResult> RunAsync(ReplayPlan plan, DomainReplay domain, IReplayWriter writer, IProgress<ReplayProgress>? progress,
        CancellationToken cancellationToken = default)
    {
        var reader = source();
        var started = time.GetTimestamp();
        var lastReport = started;
        long events = 0, rows = 0;
        var chunkSize = MaxEventsPerSecond is { } rate ? (int)Math.Clamp(rate / 10, 1, ChunkSize) : ChunkSize;
        foreach (var chunk in reader.Read(plan, cancellationToken).Chunk(chunkSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MaxEventsPerSecond is { } pace && TimeSpan.FromSeconds(events / pace) - time.GetElapsedTime(started) is { Ticks: > 0 } ahead)
            {
                await Task.Delay(ahead, time, cancellationToken);
            }
            events += chunk.Length;
            foreach (var clean in domain.Apply(chunk).OfType<CleanEvent>())
            {
                foreach (var r in clean.Readings.Where(r => plan.IncludesMetric(r.Metric)))
                {
                    await writer.WriteAsync(Row(clean, r), cancellationToken);
                    rows++;
                }
            }
            if (progress is not null && time.GetElapsedTime(lastReport) >= ProgressEvery)
            {
                lastReport = time.GetTimestamp();
                progress.Report(Progress(events, rows, time.GetElapsedTime(started), reader.Done, reader.Total, done: false));
            }
        }
        await writer.CompleteAsync(cancellationToken);
        progress?.Report(Progress(events, rows, time.GetElapsedTime(started), reader.Total, reader.Total, done: true));
        return new ReplayResult(events, rows, reader.Skipped, domain);
    }

    private static ReplayRow Row(CleanEvent e, CleanReading r) =>
        new(e.EventTime, e.Source.Value, e.Entity.Value, r.Metric, r.Value, r.Unit, Flags(r.Flags), e.Id.Value);

    private static string Flags(ReadingFlags flags) => flags == ReadingFlags.None ? string.Empty
        : string.Join(',', Enum.GetValues<ReadingFlags>().Where(f => f != ReadingFlags.None && flags.HasFlag(f)));

    // The sources load a day at a time, so the fraction done moves in day steps; time left follows from it.
    private static ReplayProgress Progress(long events, long rows, TimeSpan elapsed, long bytesRead, long totalBytes, bool done)
    {
        var rate = elapsed > TimeSpan.Zero ? events / elapsed.TotalSeconds : 0;
        var fraction = totalBytes > 0 ? (double)bytesRead / totalBytes : 0;
        TimeSpan? remaining = done ? TimeSpan.Zero
            : fraction > 0 && fraction < 1 ? elapsed * ((1 - fraction) / fraction) : null;
        return new ReplayProgress(events, rows, rate, remaining, done);
    }
}
