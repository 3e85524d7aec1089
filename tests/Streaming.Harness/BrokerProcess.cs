using System.Collections.Concurrent;
using System.Diagnostics;

namespace Streaming.Harness;

/// <summary>
/// The Kafka-protocol broker in a process of its own (<c>dotnet Streaming.Silo.dll kafka-broker</c>, <c>--broker
/// separate</c>): the same librdkafka mock cluster the silo otherwise hosts, so its CPU can be read apart from the silo's.
/// </summary>
internal sealed class BrokerProcess : IAsyncDisposable
{
    private const string Prefix = "bootstrap: ";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<string> _bootstrap = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BrokerProcess(Process process) => _process = process;

    /// <summary>Where clients connect, from the <c>bootstrap: 127.0.0.1:PORT</c> line the command prints.</summary>
    public string BootstrapServers { get; private set; } = "";

    public int Pid => _process.Id;

    /// <summary>Starts the command and waits for its bootstrap line.</summary>
    public static async Task<BrokerProcess> StartAsync(string siloDll, int partitions)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { siloDll, "kafka-broker", "--partitions", partitions.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }
        info.WorkingDirectory = Path.GetDirectoryName(siloDll)!;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var broker = new BrokerProcess(Process.Start(info)!);
        broker._process.OutputDataReceived += (_, e) => broker.Capture(e.Data);
        broker._process.ErrorDataReceived += (_, e) => broker.Capture(e.Data);
        broker._process.EnableRaisingEvents = true;
        broker._process.Exited += (_, _) => broker._bootstrap.TrySetException(
            new InvalidOperationException($"kafka-broker exited before printing its address:\n{string.Join('\n', broker._output)}"));
        broker._process.BeginOutputReadLine();
        broker._process.BeginErrorReadLine();
        try
        {
            broker.BootstrapServers = await broker._bootstrap.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    public double CpuSeconds() => ProcStats.CpuSeconds(_process.Id);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }
        if (line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            _bootstrap.TrySetResult(line[Prefix.Length..].Trim());
        }
        _output.Enqueue(line);
        if (_output.Count > 50)
        {
            _output.TryDequeue(out _);
        }
    }
}
