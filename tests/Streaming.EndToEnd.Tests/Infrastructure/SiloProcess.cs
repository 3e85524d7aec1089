using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// The real silo host (silo/Streaming.Silo), or the separately hosted dashboard (dashboard/Streaming.Dashboard.Host), run
/// as its own process on free loopback ports, configured through environment variables exactly as an operator would.
/// Killing it is a real <c>kill -9</c>.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    // Each silo's history archive (on by default in the product) goes to its own temp folder, deleted with the silo.
    private readonly string _history;

    private SiloProcess(Process process, int httpPort, string history)
    {
        _history = history;
        _process = process;
        HttpPort = httpPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int HttpPort { get; }

    public HttpClient Http { get; }

    /// <summary>What the process printed so far (for failure messages).</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts a silo and waits until <c>/health</c> answers. A free port can be taken by another process between
    /// being chosen and being bound; a silo that exits for that reason is started again on fresh ports.
    /// </summary>
    /// <param name="workingDirectory">Where the process starts; the test process's own folder (which holds a copy of
    /// the silo's appsettings.json) unless given.</param>
    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string app = "Streaming.Silo",
        string? workingDirectory = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var silo = Launch(settings, app, workingDirectory);
            try
            {
                await silo.WaitHealthyAsync();
                return silo;
            }
            catch (InvalidOperationException) when (attempt < 3 && silo.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await silo.DisposeAsync();
            }
            catch
            {
                // Never healthy: the process goes with the failure, rather than outlive the test run.
                await silo.DisposeAsync();
                throw;
            }
        }
    }

    private static SiloProcess Launch(IReadOnlyDictionary<string, string>? settings, string app, string? workingDirectory)
    {
        var httpPort = FreeTcpPort.Next();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }
        info.ArgumentList.Add(AppAssembly(app));
        info.Environment["Urls"] = $"http://127.0.0.1:{httpPort}";
        info.Environment["Orleans__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture);
        info.Environment["Orleans__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // The embedded MQTT broker's default port (1883) would collide between silos; tests that use MQTT pass their own.
        info.Environment["Mqtt__Port"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture);
        var history = Path.Combine(Path.GetTempPath(), "silo-history-" + Guid.NewGuid().ToString("N"));
        info.Environment["Replay__ArchiveFolder"] = history;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var silo = new SiloProcess(Process.Start(info)!, httpPort, history);
        silo._process.OutputDataReceived += (_, e) => silo.Capture(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Capture(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        return silo;
    }

    private bool _disposed;

    /// <summary>Kills the process at once, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Stops the process as an operator would (SIGTERM) and waits until it has exited and its output is read.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            using var exited = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(exited.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return; // a fixture whose start failed part way disposes what it started, and xUnit may dispose it again
        }
        _disposed = true;
        await KillAsync();
        Http.Dispose();
        _process.Dispose();
        if (Directory.Exists(_history))
        {
            Directory.Delete(_history, recursive: true);
        }
    }

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
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
            await Task.Delay(100);
        }
        throw new TimeoutException($"The silo on port {HttpPort} did not answer /health within 60 s:\n{Output}");
    }

    private void Capture(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
            if (_output.Count > 400)
            {
                _output.TryDequeue(out _);
            }
        }
    }

    /// <summary>The silo's (or the dashboard host's) built assembly: its output sits beside this project's, bin/&lt;project&gt;/&lt;configuration&gt;/.</summary>
    public static string AppAssembly(string app = "Streaming.Silo")
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(testOutput.Parent!.Parent!.FullName, app, testOutput.Name, app + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {app} is not at {path}");
    }
}
