using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Streaming.Harness;

/// <summary>The scenarios of history replay, image upload and address search.</summary>
internal static partial class Scenarios
{
    /// <summary>
    /// A real data set (Beijing multi-site, 12 stations, hourly, in event-time order) ingested over HTTP in batches as
    /// fast as the silo accepts them, for at most <c>--duration</c> seconds; then the same time range exported from the
    /// archive the silo wrote by <c>Streaming.Silo.dll replay</c> (its own process) and re-run by <c>POST
    /// /api/replay/sandbox</c>, each timed; the ratios replay/ingest are the issue's figure (target: at least 5x).
    /// </summary>
    private static async Task<Outcome> ReplayAsync(Settings s)
    {
        const int batch = 500;
        var root = OpenData.Root();
        var rows = OpenData.BeijingMultiSite(root).OrderBy(r => r.Time).ThenBy(r => r.Source, StringComparer.Ordinal).ToList();
        // Two loaders, each with its own half of the stations in event-time order: a source's events never overtake
        // each other (the source's watermark would refuse the overtaken ones as late), while two requests are in flight.
        var stations = rows.Select(r => r.Source).Distinct().Order(StringComparer.Ordinal).ToList();
        var halves = Enumerable.Range(0, 2).Select(h =>
        {
            var mine = rows.Where(r => stations.IndexOf(r.Source) % 2 == h).ToList();
            return Enumerable.Range(0, (mine.Count + batch - 1) / batch)
                .Select(b => (Json: OpenData.Batch(mine.Skip(b * batch).Take(batch)), Count: Math.Min(batch, mine.Count - (b * batch)), Last: mine[Math.Min(mine.Count, (b + 1) * batch) - 1].Time))
                .ToList();
        }).ToList();
        Report.Progress($"{rows.Count:N0} Beijing rows of {stations.Count} stations in {halves.Sum(h => h.Count)} batches of {batch}");
        // One loader, not many devices: the per-sender rate limit off.
        var settings = new Dictionary<string, string>(s.SiloSettings) { ["Ingress:Http:RequestsPerSecond"] = "0" };
        await using var silo = await Silo.StartAsync(s.SiloDll, settings);
        var load = Report.LoadAverage();
        return await WithSiloLogAsync(silo, async () =>
        {
            // 1. Ingest: two requests in flight (one per loader), until the data or --duration runs out.
            var ingested = 0;
            var lastTime = DateTimeOffset.MinValue;
            var resent = 0;
            var accepted = 0;
            var rejected = 0;
            var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var cpuBefore = silo.CpuSeconds();
            var started = Stopwatch.GetTimestamp();
            async Task Loader(List<(byte[] Json, int Count, DateTimeOffset Last)> batches)
            {
                for (var b = 0; b < batches.Count && Stopwatch.GetElapsedTime(started).TotalSeconds < s.Duration; b++)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        using var content = new ByteArrayContent(batches[b].Json);
                        content.Headers.ContentType = new("application/json");
                        using var response = await silo.Http.PostAsync(new Uri("/api/ingest", UriKind.Relative), content);
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            var report = await response.Content.ReadFromJsonAsync<JsonElement>();
                            Interlocked.Add(ref accepted, report.GetProperty("accepted").GetInt32());
                            Interlocked.Add(ref rejected, report.GetProperty("rejected").GetInt32());
                            foreach (var r in report.GetProperty("rejections").EnumerateArray())
                            {
                                // With a metric it is one reading of an event, else the whole event.
                                var reading = r.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.String;
                                var reason = (r.TryGetProperty("reason", out var why) ? why.ToString() : "?") + (reading ? " reading" : " event");
                                lock (reasons)
                                {
                                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                                }
                            }
                            break;
                        }
                        if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 5)
                        {
                            throw new InvalidOperationException($"POST /api/ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                        }
                        Interlocked.Increment(ref resent);
                        await Task.Delay(1000 * attempt);
                    }
                    lock (halves)
                    {
                        ingested += batches[b].Count;
                        lastTime = batches[b].Last > lastTime ? batches[b].Last : lastTime;
                    }
                }
            }
            await Task.WhenAll(Loader(halves[0]), Loader(halves[1]));
            var ingestSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var ingestCpu = silo.CpuSeconds() - cpuBefore;
            // Each loader sent a time-ordered prefix of its stations: [first time, last time sent] holds all that went in
            // (and nothing else: what was not sent is not in the archive).
            var from = rows[0].Time.ToUniversalTime();
            var to = lastTime.ToUniversalTime().AddSeconds(1);
            var ingestRate = ingested / ingestSeconds;
            Report.Progress(string.Create(CultureInfo.InvariantCulture,
                $"ingest: {ingested:N0} events ({from:yyyy-MM-dd} to {to:yyyy-MM-dd HH:mm}) in {ingestSeconds:F1} s = {ingestRate:N0} ev/s, silo CPU {ingestCpu:F1} s, {resent} resent after 503; 202 reports: {accepted:N0} accepted, {rejected:N0} refused"));
            await Task.Delay(1000);

            // 2. Export replay by the command line, in its own process, from the archive this silo wrote.
            var outFile = Path.Combine(Path.GetTempPath(), $"bench-replay-{Guid.NewGuid():N}.jsonl");
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(s.SiloDll);
            foreach (var arg in new[] { "replay", "--from", from.ToString("O", CultureInfo.InvariantCulture), "--to", to.ToString("O", CultureInfo.InvariantCulture),
                "--out", outFile, "--archive", silo.HistoryFolder })
            {
                info.ArgumentList.Add(arg);
            }
            info.WorkingDirectory = Path.GetDirectoryName(s.SiloDll)!;
            foreach (var (key, value) in s.SiloSettings)
            {
                info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
            var exportStarted = Stopwatch.GetTimestamp();
            using var export = Process.Start(info)!;
            var stdout = export.StandardOutput.ReadToEndAsync();
            var stderr = export.StandardError.ReadToEndAsync();
            double exportCpu = 0;
            while (!export.HasExited)
            {
                try
                {
                    exportCpu = ProcStats.CpuSeconds(export.Id);
                }
                catch (IOException)
                {
                    // Gone between the check and the read.
                }
                await Task.Delay(50);
            }
            await export.WaitForExitAsync();
            var exportSeconds = Stopwatch.GetElapsedTime(exportStarted).TotalSeconds;
            var exportOut = await stdout;
            if (export.ExitCode != 0)
            {
                throw new InvalidOperationException($"replay export exited {export.ExitCode}:\n{exportOut}\n{await stderr}");
            }
            var last = Regex.Matches(exportOut, @"replay: (\d+) events, (\d+) rows, (\d+) events/s, done").LastOrDefault()
                ?? throw new InvalidOperationException($"replay export printed no final progress line:\n{exportOut}");
            var exportEvents = long.Parse(last.Groups[1].Value, CultureInfo.InvariantCulture);
            var exportRows = long.Parse(last.Groups[2].Value, CultureInfo.InvariantCulture);
            var exportOwnRate = double.Parse(last.Groups[3].Value, CultureInfo.InvariantCulture);
            var exportBytes = new FileInfo(outFile).Length;
            File.Delete(outFile);
            var exportRate = exportEvents / exportSeconds;
            Report.Progress(string.Create(CultureInfo.InvariantCulture,
                $"export: {exportEvents:N0} events, {exportRows:N0} rows, {exportBytes / 1048576.0:F1} MiB in {exportSeconds:F1} s wall = {exportRate:N0} ev/s (the command's own figure {exportOwnRate:N0} ev/s), CPU >= {exportCpu:F1} s"));

            // 3. Sandbox: the same range through the same steps inside the running silo, into its own grains.
            var name = "bench-" + Guid.NewGuid().ToString("N")[..8];
            var sandboxCpuBefore = silo.CpuSeconds();
            var sandboxStarted = Stopwatch.GetTimestamp();
            using var started202 = await silo.Http.PostAsJsonAsync("/api/replay/sandbox", new { name, from, to });
            if (started202.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"POST /api/replay/sandbox answered {(int)started202.StatusCode}: {await started202.Content.ReadAsStringAsync()}");
            }
            var runId = (await started202.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            JsonElement run;
            while (true)
            {
                run = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/replay/runs/{runId}");
                if (run.TryGetProperty("finishedAt", out var finished) && finished.ValueKind != JsonValueKind.Null)
                {
                    break;
                }
                if (Stopwatch.GetElapsedTime(sandboxStarted) > TimeSpan.FromMinutes(10))
                {
                    throw new TimeoutException($"sandbox run {runId} not finished after 10 minutes: {run}");
                }
                await Task.Delay(100);
            }
            var sandboxSeconds = Stopwatch.GetElapsedTime(sandboxStarted).TotalSeconds;
            var sandboxCpu = silo.CpuSeconds() - sandboxCpuBefore;
            var state = run.GetProperty("state").ToString();
            if (!state.Equals("completed", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"sandbox run ended {state}: {run}");
            }
            var sandboxEvents = run.GetProperty("events").GetInt64();
            var sandboxOwnRate = run.GetProperty("eventsPerSecond").GetDouble();
            var sandboxRate = sandboxEvents / sandboxSeconds;
            Report.Progress(string.Create(CultureInfo.InvariantCulture,
                $"sandbox: {sandboxEvents:N0} events in {sandboxSeconds:F1} s (POST to finished) = {sandboxRate:N0} ev/s (the run's own figure {sandboxOwnRate:N0} ev/s), silo CPU {sandboxCpu:F1} s"));

            string Ratio(double r) => r.ToString("F1", CultureInfo.InvariantCulture) + "x" + (r >= 5 ? "" : " (under 5x)");
            return new Outcome(
                string.Create(CultureInfo.InvariantCulture,
                    $"ingest {ingested:N0} events ({accepted:N0} accepted, {rejected:N0} refused whole{(reasons.Count > 0 ? "; rejections: " + string.Join(", ", reasons.Select(r => $"{r.Value:N0} {r.Key}")) : "")}: the 202 reports) in {ingestSeconds:F1} s = **{ingestRate:N0} ev/s** ({ingested / ingestCpu:N0} ev/CPU-s); ") +
                string.Create(CultureInfo.InvariantCulture,
                    $"export replay (CLI, jsonl) {exportEvents:N0} events, {exportRows:N0} rows in {exportSeconds:F1} s wall incl. process start = **{exportRate:N0} ev/s** (own figure {exportOwnRate:N0} ev/s, {exportEvents / Math.Max(exportCpu, 0.01):N0} ev/CPU-s); ") +
                string.Create(CultureInfo.InvariantCulture,
                    $"sandbox {sandboxEvents:N0} events in {sandboxSeconds:F1} s = **{sandboxRate:N0} ev/s** (own figure {sandboxOwnRate:N0} ev/s, {sandboxEvents / Math.Max(sandboxCpu, 0.01):N0} ev/CPU-s); ") +
                $"**replay/ingest: export {Ratio(exportRate / ingestRate)}, sandbox {Ratio(sandboxRate / ingestRate)}** (target 5x); " +
                $"per CPU-second: export {Ratio(exportEvents / Math.Max(exportCpu, 0.01) / (ingested / ingestCpu))}, sandbox {Ratio(sandboxEvents / Math.Max(sandboxCpu, 0.01) / (ingested / ingestCpu))}",
                $"data/sensors Beijing multi-site in event-time order ({rows.Count:N0} rows; the first {ingested:N0} within --duration), " +
                $"POST /api/ingest batches of {batch}, 2 loaders with half the stations each (time order per station), per-sender rate limit off, timed to the last 202 (archived before the answer); " +
                "export = `dotnet Streaming.Silo.dll replay --from --to --out X.jsonl --archive` on the silo's own archive folder, wall time from process start to exit, CPU sampled from /proc every 50 ms; " +
                "sandbox = POST /api/replay/sandbox to the run's finishedAt, polled every 100 ms, no maxEventsPerSecond, Kafka output on (sandbox topic); " +
                $"embedded default otherwise; {Noise(load)}");
        });
    }

    /// <summary>
    /// 1920x1080 JPEG uploads to <c>POST /api/ingest/media?source=cam-N</c>, open loop at a fixed rate (or
    /// <c>--find-max</c>), timed until each image's clean event (<c>ce_id</c> = <c>img:{sha256}</c>) is on the clean topic.
    /// </summary>
    private static async Task<Outcome> ImagesAsync(Settings s)
    {
        const int variants = 16;
        var arrivals = new Arrivals();
        var made = Stopwatch.GetTimestamp();
        var images = new ImageMessages(OpenData.Root(), variants, s.Sources, arrivals);
        Report.Progress(string.Create(CultureInfo.InvariantCulture,
            $"made {images.Variants} 1920x1080 JPEGs (mean {images.AverageBytes / 1024:N0} KiB) in {Stopwatch.GetElapsedTime(made).TotalSeconds:F1} s"));
        await using var silo = await Silo.StartAsync(s.SiloDll, s.SiloSettings);
        var bootstrap = silo.BootstrapServers ?? throw new InvalidOperationException("The silo has no Kafka output (GET /api/info shows kafka null)");
        using var watcher = new CleanTopicWatcher(bootstrap, silo.CleanTopic, arrivals,
            value => value.AsSpan().IndexOf("earDuplicateOf\":\""u8) >= 0);
        await using var sender = new HttpSender(new Uri($"http://127.0.0.1:{silo.HttpPort}"), s.Connections, "/api/ingest/media", "image/jpeg", "image");
        await sender.ConnectAsync();
        using var counters = new RuntimeCounters(silo.Pid);
        var loop = new OpenLoop(sender, images, arrivals, s, silo.CpuSeconds, () => counters.AllocatedBytes);
        var load = Report.LoadAverage();
        var outcome = await WithSiloLogAsync(silo, () => RateProcedure.RunAsync(loop, s, "images"));
        var measured = outcome.Fixed ?? outcome.Best;
        var perImage = measured is { CpuSeconds: > 0 } m && m.Step.Delivered > 0
            ? string.Create(CultureInfo.InvariantCulture, $"; **{m.CpuSeconds!.Value * 1000 / m.Step.Delivered:N0} ms CPU per image**")
            : "";
        return new Outcome(
            RateProcedure.Figures(outcome).Replace(" ev/", " img/", StringComparison.Ordinal).Replace("allocated/event", "allocated/image", StringComparison.Ordinal) + perImage,
            $"{sender.Describe}; {s.Sources} cameras (cam-1..); {images.Variants} distinct 16:9 crops/mirrors of data/images/exif-gps/exifr__IMG_20180725_163423.jpg " +
            string.Create(CultureInfo.InvariantCulture, $"(4048x3036, EXIF time and GPS kept) resized to 1920x1080 by ImageSharp at quality 95/85/75/90, mean {images.AverageBytes / 1024:N0} KiB; ") +
            "each upload made byte-unique by a JPEG comment naming it, so most are near duplicates of an earlier one by pixels " +
            $"({watcher.Counted:N0} clean events carried nearDuplicateOf, warm-up included); out = {watcher.Describe}; CPU = the silo process's utime+stime; " +
            $"latency from each image's intended send time; {Noise(load)}");
    }

    /// <summary>
    /// Type-ahead address search: successive prefixes of real addresses as <c>GET /api/places/search?q=</c>, open loop at a
    /// fixed rate (or <c>--find-max</c>), latency from each request's intended send time to its whole answer.
    /// </summary>
    private static async Task<Outcome> AddressSearchAsync(Settings s)
    {
        var queries = new TypeAheadQueries(OpenData.Root());
        Report.Progress(string.Create(CultureInfo.InvariantCulture,
            $"{queries.Queries:N0} queries: the prefixes of {queries.Addresses} addresses (mean {queries.AverageLength:F0} characters)"));
        await using var silo = await Silo.StartAsync(s.SiloDll, s.SiloSettings);
        await using var sender = new SearchSender(new Uri($"http://127.0.0.1:{silo.HttpPort}"), s.Connections, 10);
        using var counters = new RuntimeCounters(silo.Pid);
        var loop = new OpenLoop(sender, queries, new Arrivals(), s, silo.CpuSeconds, () => counters.AllocatedBytes);
        var load = Report.LoadAverage();
        var outcome = await WithSiloLogAsync(silo, () => RateProcedure.RunAsync(loop, s, "address-search"));
        var figures = RateProcedure.Figures(outcome)
            .Replace(" ev/", " req/", StringComparison.Ordinal)
            .Replace("allocated/event", "allocated/request", StringComparison.Ordinal)
            .Replace(" out)", " answered)", StringComparison.Ordinal)
            .Replace("out p50", "answer p50", StringComparison.Ordinal);
        figures = Regex.Replace(figures, @"[;,] ack p99 [^;,]*", "");
        var (meanBytes, empty) = sender.Answers;
        return new Outcome(figures,
            $"{sender.Describe}; {queries.Queries:N0} queries = every prefix from 2 characters of {queries.Addresses} addresses of data/addresses/nhs_ods_gp_practices_epraccur " +
            "(street line and town, title case, or the postcode for every third practice), in typing order, round and round; " +
            string.Create(CultureInfo.InvariantCulture, $"mean answer {meanBytes:N0} B, {empty:N0} empty; ") +
            $"latency from each request's intended send time to its whole answer; req/CPU-s = answers per silo CPU second (utime+stime); {Noise(load)}");
    }
}
