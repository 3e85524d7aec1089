using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// Debian's mosquitto, run in the foreground on a free loopback port with a generated config: anonymous, no persistence,
/// and in-flight and queue limits raised (its defaults silently drop pipelined QoS 1 messages). Stopped on dispose.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _output = new();

    private MosquittoBroker(Process process, string directory, int port) => (_process, _directory, Port) = (process, directory, port);

    public int Port { get; }

    public static async Task<MosquittoBroker> StartAsync()
    {
        var executable = Tools.Find("mosquitto", "mosquitto");
        var port = FreeTcpPort.Next();
        var directory = Directory.CreateTempSubdirectory("mosquitto-").FullName;
        var config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllLinesAsync(config,
        [
            string.Create(CultureInfo.InvariantCulture, $"listener {port} 127.0.0.1"),
            "allow_anonymous true",
            "persistence false",
            "max_inflight_messages 1000",
            "max_queued_messages 1000000",
            "max_queued_bytes 0",
            "log_dest stdout",
            "log_type error",
            "log_type warning",
        ]);
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(config);
        var broker = new MosquittoBroker(Process.Start(info)!, directory, port);
        broker._process.OutputDataReceived += (_, e) => broker.Capture(e.Data);
        broker._process.ErrorDataReceived += (_, e) => broker.Capture(e.Data);
        broker._process.BeginOutputReadLine();
        broker._process.BeginErrorReadLine();
        await broker.WaitListeningAsync();
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitListeningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with code {_process.ExitCode}:\n{string.Join('\n', _output)}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"mosquitto did not listen on 127.0.0.1:{Port} within 10 s:\n{string.Join('\n', _output)}");
    }

    private void Capture(string? line)
    {
        if (line is not null && _output.Count < 200)
        {
            _output.Enqueue(line);
        }
    }
}
