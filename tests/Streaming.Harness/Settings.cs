using System.Globalization;
using MQTTnet.Protocol;

namespace Streaming.Harness;

/// <summary>The command line: <c>SCENARIO [--option value]...</c>. Every option has a default that makes a short run.</summary>
internal sealed class Settings
{
    public string Scenario { get; private set; } = "";

    /// <summary>The built silo (Streaming.Silo.dll).</summary>
    public string SiloDll { get; private set; } = "";

    /// <summary>Target rate in events per second (the fixed rate, or the first rate of <see cref="FindMax"/>).</summary>
    public double Rate { get; private set; } = 200;

    /// <summary>Seconds of the measured run at a fixed rate (and of the half-rate run after <see cref="FindMax"/>).</summary>
    public double Duration { get; private set; } = 20;

    /// <summary>Step the rate up until latency or backlog stops being bounded; report the highest sustainable rate.</summary>
    public bool FindMax { get; private set; }

    /// <summary>Seconds of each step of <see cref="FindMax"/>; the figure wants 60.</summary>
    public double StepSeconds { get; private set; } = 10;

    /// <summary>Factor between one step's rate and the next.</summary>
    public double Growth { get; private set; } = 1.5;

    /// <summary>Highest rate <see cref="FindMax"/> tries.</summary>
    public double MaxRate { get; private set; } = 200_000;

    /// <summary>A step is sustainable only while its p99 (and that of its last quarter) stays under this, in ms.</summary>
    public double MaxP99Ms { get; private set; } = 1000;

    /// <summary>A step is stopped as unbounded once this many seconds' worth of events are sent but not yet out.</summary>
    public double BacklogSeconds { get; private set; } = 5;

    /// <summary>Seconds to wait for the last events after sending stops.</summary>
    public double DrainSeconds { get; private set; } = 10;

    /// <summary>
    /// Least seconds of unreported warm-up at the first rate (JIT, connections); it runs longer when needed to send
    /// every source's first event (grain activation). 0 skips it, so activations count.
    /// </summary>
    public double Warmup { get; private set; } = 5;

    public int Connections { get; private set; } = 100;

    public int Sources { get; private set; } = 10_000;

    public MqttQualityOfServiceLevel Qos { get; private set; } = MqttQualityOfServiceLevel.AtLeastOnce;

    /// <summary>Cold starts to take the median of.</summary>
    public int Repeat { get; private set; } = 3;

    /// <summary>
    /// Minutes of history the sensors scenarios give every source before the measured run (one event a minute, posted over
    /// HTTP), so entities carry the final windows a long-running platform's do; 0 starts them fresh.
    /// </summary>
    public int History { get; private set; }

    /// <summary>Entities activated by memory-entities.</summary>
    public int Entities { get; private set; } = 100_000;

    /// <summary>
    /// <c>embedded</c> (default): the silo hosts the Kafka-protocol broker in its own process, as the embedded default does.
    /// <c>separate</c>: the broker runs as <c>Streaming.Silo.dll kafka-broker</c>, a process of its own, and its CPU is
    /// reported apart from the silo's.
    /// </summary>
    public string Broker { get; private set; } = "embedded";

    /// <summary>
    /// <c>memory</c> (default): grain state in the silo's process, as the embedded default keeps it. <c>postgres</c>: a
    /// throwaway PostgreSQL cluster with deploy/postgres applied holds clustering, grain state and reminders, as in
    /// production, and its CPU counts as the platform's; it runs without fsync, as the tests' cluster does. <c>postgres-durable</c>:
    /// the same with PostgreSQL's durable defaults (fsync, synchronous_commit, full_page_writes), so commits wait for the disk.
    /// </summary>
    public string Storage { get; private set; } = "memory";

    /// <summary>Silo settings for this run (<c>--set Replay:Archive=false</c>, repeatable), to compare configurations.</summary>
    public Dictionary<string, string> SiloSettings { get; } = new(StringComparer.Ordinal);

    public static Settings Parse(string[] args)
    {
        var s = new Settings();
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("usage: Streaming.Harness SCENARIO --silo PATH/Streaming.Silo.dll [--rate N] [--duration S] [--find-max] ...");
        }
        s.Scenario = args[0];
        bool rateSet = false, sourcesSet = false;
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            double Number() => double.Parse(Value(), CultureInfo.InvariantCulture);
            switch (name)
            {
                case "--silo": s.SiloDll = Path.GetFullPath(Value()); break;
                case "--rate": s.Rate = Number(); rateSet = true; break;
                case "--duration": s.Duration = Number(); break;
                case "--find-max": s.FindMax = true; break;
                case "--step": s.StepSeconds = Number(); break;
                case "--growth": s.Growth = Number(); break;
                case "--max-rate": s.MaxRate = Number(); break;
                case "--max-p99": s.MaxP99Ms = Number(); break;
                case "--backlog": s.BacklogSeconds = Number(); break;
                case "--drain": s.DrainSeconds = Number(); break;
                case "--warmup": s.Warmup = Number(); break;
                case "--connections": s.Connections = (int)Number(); break;
                case "--sources": s.Sources = (int)Number(); sourcesSet = true; break;
                case "--qos": s.Qos = Value() == "0" ? MqttQualityOfServiceLevel.AtMostOnce : MqttQualityOfServiceLevel.AtLeastOnce; break;
                case "--repeat": s.Repeat = (int)Number(); break;
                case "--entities": s.Entities = (int)Number(); break;
                case "--history": s.History = (int)Number(); break;
                case "--broker":
                    s.Broker = Value();
                    if (s.Broker is not ("embedded" or "separate"))
                    {
                        throw new ArgumentException($"--broker wants embedded or separate, got '{s.Broker}'");
                    }
                    break;
                case "--storage":
                    s.Storage = Value();
                    if (s.Storage is not ("memory" or "postgres" or "postgres-durable"))
                    {
                        throw new ArgumentException($"--storage wants memory, postgres or postgres-durable, got '{s.Storage}'");
                    }
                    break;
                case "--set":
                    var pair = Value();
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new ArgumentException($"--set wants KEY=VALUE, got '{pair}'");
                    }
                    s.SiloSettings[pair[..eq]] = pair[(eq + 1)..];
                    break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }
        // Scenarios whose unit is not a small sensor event start at their own rate: an image costs far more, and
        // address search has no sources (its warm-up need not wait for 10,000 of them).
        if (!rateSet)
        {
            s.Rate = s.Scenario switch { "images" => 10, "address-search" => 100, _ => s.Rate };
        }
        if (!sourcesSet)
        {
            s.Sources = s.Scenario switch { "images" => 20, "address-search" => 1, _ => s.Sources };
        }
        if (s.Rate <= 0 || s.Duration <= 0 || s.StepSeconds <= 0 || s.Growth <= 1 || s.Connections < 1 || s.Sources < 1 || s.History < 0)
        {
            throw new ArgumentException("--rate, --duration and --step must be positive, --growth above 1, --connections and --sources at least 1");
        }
        if (s.Broker == "separate" && !s.Scenario.StartsWith("sensors-", StringComparison.Ordinal))
        {
            throw new ArgumentException("--broker separate is for the sensors-* scenarios");
        }
        if (s.Storage != "memory" && !s.Scenario.StartsWith("sensors-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"--storage {s.Storage} is for the sensors-* scenarios");
        }
        return s;
    }
}
