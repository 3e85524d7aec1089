using System.Globalization;
using System.Text.Json;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// Reads the archive back for a <see cref="ReplayPlan"/>: only the day folders the range touches, one day in memory at a
/// time, envelopes ordered by event time and then by where they were written (kind file, then line), so the order is
/// the same on every run. A line that will not parse (a write torn by a crash) is counted in <see cref="Skipped"/>.
/// </summary>
public sealed class ArchiveReader(string folder) : IReplaySource
{
    /// <summary>Lines that could not be read back.</summary>
    public int Skipped { get; private set; }

    /// <summary>Bytes of the selected files read so far.</summary>
    public long BytesRead { get; private set; }

    /// <inheritdoc />
    public long Done => BytesRead;

    /// <inheritdoc />
    public long Total { get; private set; }

    /// <summary>The archive files the plan selects, oldest day first, each day's kinds in enum order.</summary>
    public IReadOnlyList<string> Files(ReplayPlan plan)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var first = ArchiveLayout.DayOf(plan.From);
        var last = ArchiveLayout.DayOf(plan.To.AddTicks(-1));
        var days = Directory.EnumerateDirectories(folder)
            .Select(d => DateOnly.TryParseExact(Path.GetFileName(d), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var day) ? day : (DateOnly?)null)
            .OfType<DateOnly>().Where(d => d >= first && d <= last).Order();
        return [.. days.SelectMany(d => plan.KindsToRead.Select(k => ArchiveLayout.FileFor(folder, d, k))).Where(File.Exists)];
    }

    /// <summary>Total size of the selected files, for progress.</summary>
    public long TotalBytes(ReplayPlan plan) => Files(plan).Sum(f => new FileInfo(f).Length);

    /// <summary>The plan's envelopes in replay order.</summary>
    public IEnumerable<EventEnvelope> Read(ReplayPlan plan, CancellationToken cancellationToken = default)
    {
        Total = TotalBytes(plan);
        foreach (var day in Files(plan).GroupBy(Path.GetDirectoryName))
        {
            var events = new List<(EventEnvelope Envelope, long Order)>();
            foreach (var file in day)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                while (reader.ReadLine() is { } line)
                {
                    if (Parse(line) is { } e && plan.Includes(e))
                    {
                        events.Add((e, events.Count));
                    }
                }
                BytesRead += stream.Length;
            }
            foreach (var (envelope, _) in events.OrderBy(e => e.Envelope.EventTime.UtcTicks).ThenBy(e => e.Order))
            {
                yield return envelope;
            }
        }
    }

    private EventEnvelope? Parse(string line)
    {
        if (line.Length == 0)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(line, ArchiveJsonContext.Default.ArchivedEvent)?.ToEnvelope();
        }
        catch (JsonException)
        {
            // A torn or foreign line: counted, not replayed, and the rest of the file still is.
            Skipped++;
            return null;
        }
    }
}
