using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using MQTTnet.Protocol;

namespace Streaming.Harness;

/// <summary>What a scenario reports: the figures and the notes columns of its row.</summary>
internal sealed record Outcome(string Figures, string Notes);

internal static partial class Scenarios
{
    public static readonly IReadOnlyList<string> Names =
        ["cold-start", "sensors-mqtt", "sensors-http", "sensors-kafka", "transport-mqtt", "transport-http", "transport-kafka", "memory-entities", "replay", "images", "address-search"];

    public static Task<Outcome> RunAsync(Settings s) => s.Scenario switch
    {
        "cold-start" => ColdStartAsync(s),
        "sensors-mqtt" or "sensors-http" or "sensors-kafka" => SensorsAsync(s, s.Scenario["sensors-".Length..]),
        "transport-mqtt" => TransportMqttAsync(s),
        "transport-http" => TransportHttpAsync(s),
        "transport-kafka" => TransportKafkaAsync(s),
        "memory-entities" => MemoryEntitiesAsync(s),
        "replay" => ReplayAsync(s),
        "images" => ImagesAsync(s),
        "address-search" => AddressSearchAsync(s),
        _ => throw new ArgumentException($"unknown scenario '{s.Scenario}'; known: {string.Join(", ", Names)}"),
    };

    /// <summary>From starting the silo process to the first event accepted (202) by <c>POST /api/ingest</c>.</summary>
    private static async Task<Outcome> ColdStartAsync(Settings s)
    {
        var load = Report.LoadAverage();
        var times = new List<double>();
        var body = Encoding.UTF8.GetBytes(
            $$"""{"source":"cold-1","time":"{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}}","readings":{"pm25":12.5},"seq":1}""");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        for (var run = 1; run <= s.Repeat; run++)
        {
            await using var silo = Silo.Launch(s.SiloDll, s.SiloSettings);
            var url = new Uri($"http://127.0.0.1:{silo.HttpPort}/api/ingest");
            double? seconds = null;
            while (seconds is null && Stopwatch.GetElapsedTime(silo.StartedTimestamp) < TimeSpan.FromSeconds(120))
            {
                if (silo.HasExited)
                {
                    throw new InvalidOperationException($"The silo exited before it accepted an event:\n{silo.Output}");
                }
                try
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new("application/json");
                    using var response = await http.PostAsync(url, content);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        seconds = Stopwatch.GetElapsedTime(silo.StartedTimestamp).TotalSeconds;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                if (seconds is null)
                {
                    await Task.Delay(10);
                }
            }
            var taken = seconds ?? throw new TimeoutException($"No 202 within 120 s of starting the silo:\n{silo.Output}");
            times.Add(taken);
            Report.Progress(string.Create(CultureInfo.InvariantCulture, $"cold start {run}: first 202 after {taken:F2} s"));
        }
        times.Sort();
        var median = times[times.Count / 2];
        return new Outcome(
            string.Create(CultureInfo.InvariantCulture,
                $"median {median:F2} s from process start to first 202 ({string.Join(", ", times.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))} s over {times.Count} runs)"),
            "embedded default (grain state in the process, embedded MQTT and Kafka-protocol brokers, place registry loaded); `dotnet Streaming.Silo.dll`, Release, " +
            "POST polled every 10 ms; " + Noise(load));
    }

    /// <summary>
    /// Sensor events end to end: sent over one transport, timed until they are on the clean-events topic; meanwhile a
    /// signed-in dashboard client keeps the sensor latency the silo pushes to the <c>system</c> group.
    /// </summary>
    private static async Task<Outcome> SensorsAsync(Settings s, string transport)
    {
        var (settings, password) = DashboardLatencyWatcher.NewUser();
        foreach (var (key, value) in s.SiloSettings)
        {
            settings[key] = value;
        }
        await using var broker = s.Broker == "separate"
            ? await BrokerProcess.StartAsync(s.SiloDll, int.Parse(settings.GetValueOrDefault("Kafka:EmbeddedPartitions", "4"), CultureInfo.InvariantCulture))
            : null;
        if (broker is not null)
        {
            settings["Kafka:BootstrapServers"] = broker.BootstrapServers;
        }
        await using var database = s.Storage == "memory" ? null : await PostgresCluster.StartAsync(durable: s.Storage == "postgres-durable");
        if (database is not null)
        {
            settings["ConnectionStrings:Orleans"] = database.ConnectionString;
        }
        if (s.History > 0)
        {
            IngestPost.Unlimited(settings);
        }
        await using var silo = await Silo.StartAsync(s.SiloDll, settings);
        var messages = new SensorMessages(s.Sources);
        if (s.History > 0)
        {
            await WithSiloLogAsync(silo, async () =>
            {
                await HistoryPrefill.RunAsync(silo.Http, messages, s.History, DateTimeOffset.UtcNow);
                return true;
            });
        }
        var bootstrap = silo.BootstrapServers ?? throw new InvalidOperationException("The silo has no Kafka output (GET /api/info shows kafka null)");
        await using var dashboard = await DashboardLatencyWatcher.StartAsync(silo.Http.BaseAddress!, password, "sensor");
        var arrivals = new Arrivals();
        using var watcher = new CleanTopicWatcher(bootstrap, silo.CleanTopic, arrivals);
        await using IEventSender sender = transport switch
        {
            "mqtt" => new MqttSender("127.0.0.1", silo.MqttPort, s.Connections, s.Qos),
            "http" => new HttpSender(new Uri($"http://127.0.0.1:{silo.HttpPort}"), s.Connections),
            _ => new KafkaSender(bootstrap, silo.IngestTopic),
        };
        await sender.ConnectAsync();
        using var counters = new RuntimeCounters(silo.Pid);
        var loop = new OpenLoop(sender, messages, arrivals, s, silo.CpuSeconds, () => counters.AllocatedBytes, Meters(broker, database));
        var load = Report.LoadAverage();
        var outcome = await WithSiloLogAsync(silo, () => RateProcedure.RunAsync(loop, s, $"sensors-{transport}"));
        var cpu = broker is null
            ? "CPU = the silo process's utime+stime (the Kafka-protocol broker runs inside it)"
            : $"broker separate: `Streaming.Silo.dll kafka-broker` (the same librdkafka mock cluster) in its own process at {broker.BootstrapServers}, " +
              "passed to the silo as Kafka:BootstrapServers; CPU = utime+stime of each process, ev/CPU-s for the silo alone and for silo+broker " +
              $"(the broker also serves the harness's clean-topic reader{(transport == "kafka" ? " and its producer" : "")})";
        if (database is not null)
        {
            cpu += $"; storage {s.Storage}: a throwaway PostgreSQL 15 cluster (scripts/postgres-throwaway.sh: " +
                (s.Storage == "postgres" ? "fsync, synchronous_commit and full_page_writes off" : "PostgreSQL's durable defaults, data on the machine's disk") +
                ") with deploy/postgres applied, as ConnectionStrings:Orleans (clustering, grain state, reminders); its CPU = " +
                "the postmaster's utime+stime+cutime+cstime and its running backends' utime+stime";
        }
        return new Outcome(RateProcedure.Figures(outcome) + DashboardFigures(outcome, dashboard),
            $"{sender.Describe}; {s.Sources:N0} sources{History(s)}; out = {watcher.Describe}; {cpu}; " +
            "allocated = the silo's alloc-rate counter over the step, read through the diagnostics port; " +
            $"latency from each event's intended send time; {DashboardNote}; {Noise(load)}");
    }

    /// <summary>The platform's processes besides the silo, whichever this run has.</summary>
    private static List<CpuMeter> Meters(BrokerProcess? broker, PostgresCluster? database)
    {
        var meters = new List<CpuMeter>();
        if (broker is not null)
        {
            meters.Add(new CpuMeter("broker", broker.CpuSeconds));
        }
        if (database is not null)
        {
            meters.Add(new CpuMeter("PostgreSQL", database.CpuSeconds));
        }
        return meters;
    }

    private static string History(Settings s) => s.History == 0 ? ""
        : string.Create(CultureInfo.InvariantCulture,
            $", each with {s.History} min of history first (one event a minute, posted over HTTP, oldest first; per-sender HTTP limit off)");

    private const string DashboardNote =
        "dashboard = the ingest-to-screen latency the silo itself pushes to the SignalR group system (TrendUpdate.latency, kind sensor: " +
        "p50, p99 and p99.9 over the trailing 10 s, from each event's receive time at the silo to the push), read by one signed-in .NET SignalR client; " +
        "reported as the median of the pushes' p50s and the max of their p99s and p99.9s, over the pushes from 10 s after the step's start (so each " +
        "push's window lies within the step) to the end of its drain";

    /// <summary>The dashboard's latency over the step the row's latency comes from (the fixed run, or the half-rate run).</summary>
    private static string DashboardFigures(RateProcedure.Outcome outcome, DashboardLatencyWatcher dashboard)
    {
        if ((outcome.Fixed ?? outcome.Half) is not { } step)
        {
            return "";
        }
        var warm = (long)(Math.Min(DashboardLatencyWatcher.Span.TotalSeconds, step.Step.Duration.TotalSeconds) * Stopwatch.Frequency);
        var at = outcome.Fixed is null ? string.Create(CultureInfo.InvariantCulture, $" (at {Report.Rate(step.Step.Rate)} ev/s)") : "";
        return dashboard.Summarize(step.Step.Start + warm, step.EndTimestamp) is { } d
            ? string.Create(CultureInfo.InvariantCulture, $"; dashboard p50 {d.P50Ms:N0} ms, p99 {d.P99Ms:N0} ms, p99.9 {d.P999Ms:N0} ms{at} over {d.Pushes} pushes")
            : $"; dashboard: no sensor latency pushed during the step ({dashboard.Count} pushes in all)";
    }

    /// <summary>
    /// The bare Kafka-protocol transport's ceiling: the same messages at the same rates produced to the ingest topic of a
    /// broker process of its own (<c>Streaming.Silo.dll kafka-broker</c>) and read back from it by a plain consumer, with
    /// no processing; then the platform end to end (ingest topic -> silo -> clean topic) on a fresh broker process, and the ratio.
    /// </summary>
    private static async Task<Outcome> TransportKafkaAsync(Settings s)
    {
        var load = Report.LoadAverage();
        const string ingest = "streaming.ingest.v1";
        RateProcedure.Outcome bare;
        await using (var broker = await BrokerProcess.StartAsync(s.SiloDll, 4))
        {
            var arrivals = new Arrivals();
            using var reader = new CleanTopicWatcher(broker.BootstrapServers, ingest, arrivals);
            await using var sender = new KafkaSender(broker.BootstrapServers, ingest, idHeader: true);
            await sender.ConnectAsync();
            bare = await RateProcedure.RunAsync(new OpenLoop(sender, new SensorMessages(s.Sources), arrivals, s, broker.CpuSeconds), s, "bare Kafka");
        }
        RateProcedure.Outcome endToEnd;
        await using (var broker = await BrokerProcess.StartAsync(s.SiloDll, 4))
        {
            var settings = new Dictionary<string, string>(s.SiloSettings) { ["Kafka:BootstrapServers"] = broker.BootstrapServers };
            await using var silo = await Silo.StartAsync(s.SiloDll, settings);
            var arrivals = new Arrivals();
            using var watcher = new CleanTopicWatcher(broker.BootstrapServers, silo.CleanTopic, arrivals);
            await using var sender = new KafkaSender(broker.BootstrapServers, silo.IngestTopic);
            await sender.ConnectAsync();
            using var counters = new RuntimeCounters(silo.Pid);
            endToEnd = await RateProcedure.RunAsync(new OpenLoop(sender, new SensorMessages(s.Sources), arrivals, s, silo.CpuSeconds,
                () => counters.AllocatedBytes, Meters(broker, null)), s, "end to end Kafka");
        }
        return new Outcome(BareAndEndToEnd(s, bare, endToEnd),
            "bare = librdkafka's mock cluster in its own process (`Streaming.Silo.dll kafka-broker`, 4 partitions): the harness's producer " +
            $"(acks=all, linger 1 ms) -> {ingest} -> a plain consumer of that topic, no processing, CPU = the broker process; end to end = " +
            "the same producer -> the ingest topic of a fresh broker process -> the silo (Kafka ingress) -> the clean topic, ev/CPU-s for the " +
            $"silo alone and with the broker; {s.Sources:N0} sources; {Noise(load)}");
    }

    /// <summary>
    /// The bare transport's ceiling: the same messages at the same rates through an MQTTnet broker to a plain subscriber,
    /// with no processing; then the platform end to end with the same procedure, and the ratio of the two.
    /// </summary>
    private static async Task<Outcome> TransportMqttAsync(Settings s)
    {
        var load = Report.LoadAverage();
        RateProcedure.Outcome bare;
        string describe;
        await using (var broker = await BareBroker.StartAsync())
        {
            var arrivals = new Arrivals();
            await using var subscriber = new MqttSubscriberWatcher("127.0.0.1", broker.Port, s.Qos, arrivals);
            await subscriber.StartAsync();
            await using var sender = new MqttSender("127.0.0.1", broker.Port, s.Connections, s.Qos);
            await sender.ConnectAsync();
            describe = sender.Describe;
            bare = await RateProcedure.RunAsync(new OpenLoop(sender, new SensorMessages(s.Sources), arrivals, s, null), s, "bare MQTT");
        }
        var endToEnd = await EmbeddedEndToEndAsync(s, silo => new MqttSender("127.0.0.1", silo.MqttPort, s.Connections, s.Qos), "end to end MQTT");
        return new Outcome(BareAndEndToEnd(s, bare, endToEnd),
            $"bare = MQTTnet 5.2 server inside the harness process (no processing, per-client queue unbounded) -> one plain subscriber on sensors/#; " +
            $"end to end = the silo's embedded broker -> clean topic; {describe}; {s.Sources:N0} sources; {Noise(load)}");
    }

    /// <summary>
    /// The bare HTTP transport's ceiling: the same requests at the same rates to a Kestrel server in the harness process
    /// that reads each body, notes its id and answers 202, with no processing; then the platform end to end (HTTP ingest
    /// -> silo -> clean topic) with the same procedure, and the ratio of the two.
    /// </summary>
    private static async Task<Outcome> TransportHttpAsync(Settings s)
    {
        var load = Report.LoadAverage();
        RateProcedure.Outcome bare;
        string describe;
        {
            var arrivals = new Arrivals();
            await using var server = await BareHttpServer.StartAsync(arrivals);
            await using var sender = new HttpSender(new Uri($"http://127.0.0.1:{server.Port}"), s.Connections);
            describe = sender.Describe;
            bare = await RateProcedure.RunAsync(new OpenLoop(sender, new SensorMessages(s.Sources), arrivals, s, null), s, "bare HTTP");
        }
        var endToEnd = await EmbeddedEndToEndAsync(s, silo => new HttpSender(new Uri($"http://127.0.0.1:{silo.HttpPort}"), s.Connections), "end to end HTTP");
        return new Outcome(BareAndEndToEnd(s, bare, endToEnd),
            "bare = Kestrel in the harness process (ASP.NET Core, the silo's own server and version), POST /api/ingest read whole, its id noted, " +
            "202, no processing; the bare side's latency ends when the server has the whole body, and the harness's CPU is not counted; " +
            $"end to end = the silo's HTTP ingest -> clean topic, embedded default; {describe}; {s.Sources:N0} sources; {Noise(load)}");
    }

    /// <summary>The platform end to end on a fresh silo of the embedded default: the sender's transport -> the silo -> the clean topic.</summary>
    private static async Task<RateProcedure.Outcome> EmbeddedEndToEndAsync(Settings s, Func<Silo, IEventSender> newSender, string label)
    {
        await using var silo = await Silo.StartAsync(s.SiloDll, s.SiloSettings);
        var arrivals = new Arrivals();
        using var watcher = new CleanTopicWatcher(silo.BootstrapServers!, silo.CleanTopic, arrivals);
        await using var sender = newSender(silo);
        await sender.ConnectAsync();
        using var counters = new RuntimeCounters(silo.Pid);
        return await RateProcedure.RunAsync(
            new OpenLoop(sender, new SensorMessages(s.Sources), arrivals, s, silo.CpuSeconds, () => counters.AllocatedBytes), s, label);
    }

    private static string BareAndEndToEnd(Settings s, RateProcedure.Outcome bare, RateProcedure.Outcome endToEnd)
    {
        var ratio = bare.Headline > 0 ? endToEnd.Headline / bare.Headline : double.NaN;
        var basis = s.FindMax ? "highest sustainable rates" : "achieved rates at the same fixed target (add --find-max for ceilings)";
        return string.Create(CultureInfo.InvariantCulture,
            $"**bare:** {RateProcedure.Figures(bare)}. **End to end:** {RateProcedure.Figures(endToEnd)}. **Ratio end-to-end/bare: {(double.IsNaN(ratio) || ratio == 0 ? "n/a" : ratio.ToString("P1", CultureInfo.InvariantCulture))}** ({basis})");
    }

    /// <summary>
    /// Memory per active entity: activate N entities (one reading each, each from its own source, so each brings an
    /// entity grain and a source grain) through HTTP ingest, and divide the growth of the silo's resident memory.
    /// </summary>
    private static async Task<Outcome> MemoryEntitiesAsync(Settings s)
    {
        // Kafka off: the embedded broker's topics live in the same process and would count as grain memory.
        var settings = new Dictionary<string, string>(s.SiloSettings) { ["Kafka:Enabled"] = "false" };
        IngestPost.Unlimited(settings);
        await using var silo = await Silo.StartAsync(s.SiloDll, settings);
        var load = Report.LoadAverage();
        const int batch = 500;
        var resent = 0;
        var now = DateTimeOffset.UtcNow;
        async Task IngestAsync(string prefix, int count)
        {
            var width = StateBaseline.Width(count);
            var batches = Enumerable.Range(0, (count + batch - 1) / batch);
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (b, ct) =>
            {
                for (var seq = 1; seq <= StateBaseline.EventsPerEntity; seq++)
                {
                    var json = StateBaseline.Body(prefix, b * batch, Math.Min(count, (b + 1) * batch), width, now, seq);
                    Interlocked.Add(ref resent, await IngestPost.PostAsync(silo.Http, json, ct));
                }
            });
        }
        using var counters = new RuntimeCounters(silo.Pid);
        // Warm the paths (JIT, pools, the first grains) before the baseline.
        await IngestAsync("warm", 2000);
        await counters.FullGcAsync();
        var (heapBefore, before) = (counters.HeapBytes, silo.ResidentBytes());
        var allocatedBefore = counters.AllocatedBytes;
        var started = Stopwatch.GetTimestamp();
        await IngestAsync("mem", s.Entities);
        var ingestSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Task.Delay(2000);
        var allocatedPerEvent = (counters.AllocatedBytes - allocatedBefore) / s.Entities / StateBaseline.EventsPerEntity;
        await counters.FullGcAsync();
        var (heapAfter, after) = (counters.HeapBytes, silo.ResidentBytes());
        Report.Progress(string.Create(CultureInfo.InvariantCulture,
            $"GC heap {heapBefore / 1e6:F0} -> {heapAfter / 1e6:F0} MB, RSS {before / 1048576.0:F0} -> {after / 1048576.0:F0} MiB for {s.Entities:N0} entities in {ingestSeconds:F1} s"));
        var perEntity = (heapAfter - heapBefore) / s.Entities;
        var state = StateBaseline.Measure("mem", Math.Min(s.Entities, 100_000), StateBaseline.Width(s.Entities), now);
        return new Outcome(
            string.Create(CultureInfo.InvariantCulture,
                $"{perEntity:N0} B managed heap per entity after a full GC at {s.Entities:N0} entities (GC heap {heapBefore / 1e6:F0} -> {heapAfter / 1e6:F0} MB): ") +
            string.Create(CultureInfo.InvariantCulture,
                $"the source's and entity's states {state.Objects:N0} B as objects and {state.Serialized:N0} B as the storage's serialized copy, the rest {perEntity - state.Objects - state.Serialized:N0} B; ") +
            string.Create(CultureInfo.InvariantCulture,
                $"{(after - before) / (double)s.Entities:N0} B RSS per entity (RSS {before / 1048576.0:F0} -> {after / 1048576.0:F0} MiB); {allocatedPerEvent / 1024:N0} KiB allocated per event; ") +
            string.Create(CultureInfo.InvariantCulture, $"activation ingest {s.Entities / ingestSeconds:N0} new entities/s (batches of {batch}, {resent} resent after 503)"),
            "each entity = source:{id} with its own SourceGrain (two 3-reading events each, one after the other, as from a sensor that reports often, whose grains stay: after one alone they would go; 1 min + 1 h windows open), all in the 'unassigned' area; Kafka output off; " +
            "the states' own weight: the same events through the same domain steps (cleaning, source activity, entity windows, the outbox confirmed by the area) in the harness process, " +
            "up to 100,000 entities' states held, full GC, heap divided; serialized = the Orleans binary serializer's output for one source and one entity, " +
            "without the byte array's header and the storage's dictionary entry; the rest = activations, grain directory, storage entries, dashboard counts; " +
            "full blocking GC and heap size (gc-heap-size counter, 1 MB resolution) through the .NET diagnostics port (EventPipe), as dotnet-gcdump/dotnet-counters do; " + Noise(load));
    }

    /// <summary>Shows the silo's last log lines when a run fails, since they usually say why.</summary>
    private static async Task<T> WithSiloLogAsync<T>(Silo silo, Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch
        {
            Report.Progress($"The run failed; the silo's last lines:\n{silo.Output}");
            throw;
        }
    }

    private static string Noise(string loadAtStart) =>
        $"2-core machine shared with other agents' builds and tests (load average {loadAtStart} at start, {Report.LoadAverage()} at end): noisy, indicative only";
}
