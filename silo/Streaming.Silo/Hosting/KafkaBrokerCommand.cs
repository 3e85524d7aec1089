using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Streaming.Ingress;

namespace Streaming.Silo;

/// <summary>
/// <c>Streaming.Silo kafka-broker [--partitions N]</c>: runs only the <see cref="EmbeddedKafkaBroker"/> (librdkafka's
/// mock cluster on 127.0.0.1, every topic created, in memory), prints <c>bootstrap: 127.0.0.1:PORT</c> on one line and
/// serves until SIGTERM or Ctrl-C. Silos then use it as any cluster (<c>Kafka:BootstrapServers</c>), so a benchmark can
/// measure the broker's CPU apart from theirs. Reads the same configuration as the silo (appsettings.json beside the
/// binaries, then environment variables). Exit code 0 after a signal, 1 on bad arguments or a broker that cannot start.
/// </summary>
public static class KafkaBrokerCommand
{
    private const string Usage = "usage: Streaming.Silo kafka-broker [--partitions N (1-64; default Kafka:EmbeddedPartitions, 4)] [--port 0]";

    /// <summary>Runs the command with the arguments after <c>kafka-broker</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var config = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().Build();
        var options = config.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        for (var i = 0; i < args.Length; i++)
        {
            int? value = i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            switch (args[i])
            {
                case "--partitions" when value is >= 1 and <= 64:
                    options.EmbeddedPartitions = value.Value;
                    i++;
                    break;
                // The mock cluster binds a port the kernel picks and has no call to choose it (its set_host_port only
                // changes the address it advertises), so 0 is the one value it can honour: read the bootstrap line instead.
                case "--port" when value == 0:
                    i++;
                    break;
                case "--port":
                    await Console.Error.WriteLineAsync("kafka-broker: the Kafka-protocol broker (librdkafka's mock cluster) always listens on a free " +
                        "127.0.0.1 port chosen when it starts; read it from the 'bootstrap:' line it prints.");
                    return 1;
                default:
                    await Console.Error.WriteLineAsync($"kafka-broker: unknown or invalid argument '{args[i]}'\n{Usage}");
                    return 1;
            }
        }

        using var loggers = LoggerFactory.Create(b => b.AddConfiguration(config.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true));
        using var stop = new StopSignal();
        EmbeddedKafkaBroker broker;
        try
        {
            broker = new EmbeddedKafkaBroker(Options.Create(options), loggers.CreateLogger<EmbeddedKafkaBroker>());
        }
        catch (Exception ex) when (ex is InvalidOperationException or DllNotFoundException)
        {
            await Console.Error.WriteLineAsync($"kafka-broker: {ex.Message}");
            return 1;
        }
        using (broker)
        {
            // One line a script or a test can wait for and parse; flushed at once even when stdout is a pipe.
            await Console.Out.WriteLineAsync($"bootstrap: {broker.BootstrapServers}");
            await Console.Out.FlushAsync();
            await stop.Task;
        }
        return 0;
    }

    /// <summary>Completes on SIGTERM or SIGINT (Ctrl-C), and keeps either from ending the process before the broker is disposed.</summary>
    private sealed class StopSignal : IDisposable
    {
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly PosixSignalRegistration _term;
        private readonly PosixSignalRegistration _interrupt;

        public StopSignal()
        {
            _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        }

        public Task Task => _stopped.Task;

        public void Dispose()
        {
            _term.Dispose();
            _interrupt.Dispose();
        }

        private void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            _stopped.TrySetResult();
        }
    }
}
