using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Streaming.Harness;

/// <summary>
/// The platform as a user runs it: the built silo (Streaming.Silo.dll) in its own process with the embedded default
/// (embedded MQTT broker, embedded Kafka-protocol broker, memory storage), every listener on a free 127.0.0.1 port.
/// Killing it kills the process tree.
/// </summary>
internal sealed class Silo : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _history;

    private Silo(Process process, int httpPort, int mqttPort, string history, long startedTimestamp)
    {
        _process = process;
        HttpPort = httpPort;
        MqttPort = mqttPort;
        _history = history;
        StartedTimestamp = startedTimestamp;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int HttpPort { get; }

    /// <summary>The history archive this silo writes (<c>Replay:ArchiveFolder</c>); deleted when the silo goes.</summary>
    public string HistoryFolder => _history;

    public int MqttPort { get; }

    public int Pid => _process.Id;

    public HttpClient Http { get; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before the process was started.</summary>
    public long StartedTimestamp { get; }

    /// <summary>The embedded Kafka-protocol broker's address and the topic names, from <c>GET /api/info</c>.</summary>
    public string? BootstrapServers { get; private set; }

    public string CleanTopic { get; private set; } = "streaming.clean.v1";

    public string IngestTopic { get; private set; } = "streaming.ingest.v1";

    /// <summary>The newest lines the process printed (for failure messages).</summary>
    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the process, without waiting for it (cold start measures what comes next).</summary>
    public static Silo Launch(string siloDll, IReadOnlyDictionary<string, string>? settings = null)
    {
        var httpPort = FreeTcpPort.Next();
        var mqttPort = FreeTcpPort.Next();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(siloDll);
        info.WorkingDirectory = Path.GetDirectoryName(siloDll)!;
        info.Environment["Urls"] = $"http://127.0.0.1:{httpPort}";
        info.Environment["Orleans__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture);
        info.Environment["Orleans__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture);
        info.Environment["Mqtt__Port"] = mqttPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["Mqtt__BindAddress"] = "127.0.0.1";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // The history archive is on in the embedded default and is part of every accepted event's path: keep it on,
        // in a folder of its own that goes with this process.
        var history = Path.Combine(Path.GetTempPath(), "bench-history-" + Guid.NewGuid().ToString("N"));
        info.Environment["Replay__ArchiveFolder"] = history;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var started = Stopwatch.GetTimestamp();
        var silo = new Silo(Process.Start(info)!, httpPort, mqttPort, history, started);
        silo._process.OutputDataReceived += (_, e) => silo.Capture(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Capture(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Starts a silo and waits until it answers <c>/health</c> and <c>/api/info</c>; retried on a port race.</summary>
    public static async Task<Silo> StartAsync(string siloDll, IReadOnlyDictionary<string, string>? settings = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var silo = Launch(siloDll, settings);
            try
            {
                await silo.WaitHealthyAsync(TimeSpan.FromSeconds(90));
                await silo.ReadInfoAsync();
                return silo;
            }
            catch (InvalidOperationException) when (attempt < 3 && silo.Output.Contains("address already in use", StringComparison.Ordinal))
            {
                await silo.DisposeAsync();
            }
            catch
            {
                await silo.DisposeAsync();
                throw;
            }
        }
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // the output read to its end: its last lines say why
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before it was healthy:\n{Output}");
            }
            try
            {
                using var response = await Http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The silo on port {HttpPort} did not answer /health within {timeout.TotalSeconds} s:\n{Output}");
    }

    private async Task ReadInfoAsync()
    {
        using var info = await Http.GetFromJsonAsync<JsonDocument>("/api/info")
            ?? throw new InvalidOperationException("GET /api/info answered null");
        if (info.RootElement.TryGetProperty("kafka", out var kafka) && kafka.ValueKind == JsonValueKind.Object)
        {
            BootstrapServers = kafka.GetProperty("bootstrapServers").GetString();
            var topics = kafka.GetProperty("topics");
            CleanTopic = topics.TryGetProperty("clean", out var clean) ? clean.GetString() ?? CleanTopic : CleanTopic;
            IngestTopic = topics.TryGetProperty("ingest", out var ingest) ? ingest.GetString() ?? IngestTopic : IngestTopic;
        }
    }

    public double CpuSeconds() => ProcStats.CpuSeconds(_process.Id);

    public long ResidentBytes() => ProcStats.ResidentBytes(_process.Id);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        Http.Dispose();
        _process.Dispose();
        if (Directory.Exists(_history))
        {
            Directory.Delete(_history, recursive: true);
        }
    }

    private void Capture(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
            if (_output.Count > 200)
            {
                _output.TryDequeue(out _);
            }
        }
    }
}
