using System.Diagnostics;
using System.Globalization;
using System.Net;
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

    /// <summary>Silo settings the prefill needs: one loader posting batches, not many devices.</summary>
    public static void Configure(Dictionary<string, string> settings) => settings["Ingress:Http:RequestsPerSecond"] = "0";

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
            await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (body, ct) => await PostAsync(http, body, ct));
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Report.Progress(string.Create(CultureInfo.InvariantCulture,
            $"history: {minutes} min for each of {sources.Length:N0} sources ({k:N0} events) in {seconds:F0} s"));
    }

    // 503 means "not every event could be made durable; resend the whole request": do as a client should.
    private static async Task PostAsync(HttpClient http, string body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/api/ingest", UriKind.Relative), content, ct);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return;
            }
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 5)
            {
                throw new InvalidOperationException($"POST /api/ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
            await Task.Delay(1000 * attempt, ct);
        }
    }
}
