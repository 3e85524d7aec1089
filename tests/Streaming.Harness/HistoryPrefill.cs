using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Streaming.Harness;

/// <summary>
/// Gives every source of a sensors run <c>--history</c> minutes of the past before it is measured: one event a minute
/// per source, oldest first, posted to the silo's HTTP ingest in batches. A platform that has run for hours holds
/// entities with hours of final windows, and the per-event state write grows with them; fresh entities hide that.
/// </summary>
internal static class HistoryPrefill
{
    private const int Batch = 500;

    public static async Task RunAsync(HttpClient http, SensorMessages messages, int minutes, DateTimeOffset now)
    {
        var started = Stopwatch.GetTimestamp();
        var sources = Enumerable.Range(0, messages.Sources).Select(i => messages.Source(i)).ToArray();
        long k = 0;
        for (var m = minutes; m >= 1; m--)
        {
            var time = now.AddMinutes(-m);
            var bodies = sources.Chunk(Batch)
                .Select(chunk => "[" + string.Join(',', chunk.Select(source => Encoding.UTF8.GetString(messages.Event("hist", k++, source, time)))) + "]")
                .ToList();
            await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (body, ct) => await IngestPost.PostAsync(http, body, ct));
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Report.Progress(string.Create(CultureInfo.InvariantCulture,
            $"history: {minutes} min for each of {sources.Length:N0} sources ({k:N0} events) in {seconds:F0} s"));
    }
}
