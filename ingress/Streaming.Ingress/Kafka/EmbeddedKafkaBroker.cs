using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streaming.Ingress;

/// <summary>
/// A Kafka-protocol broker inside the silo process for the embedded default, so downstream consumers (kcat, kafkajs,
/// any Kafka client) can read the output topics on a machine with no Kafka installed. It is librdkafka's mock
/// cluster: one broker listening on 127.0.0.1 (librdkafka binds it to INADDR_LOOPBACK on a free port), every topic
/// in memory and bounded to roughly the newest 5 MiB per partition (older messages are silently dropped), no SASL,
/// TLS or admin API, and gone when the process stops. Production sets <c>Kafka:BootstrapServers</c> instead.
/// </summary>
public sealed partial class EmbeddedKafkaBroker : IDisposable
{
    private readonly ILogger<EmbeddedKafkaBroker> _logger;
    private IntPtr _handle;
    private IntPtr _cluster;
    private readonly int _partitions;

    public EmbeddedKafkaBroker(IOptions<KafkaOptions> options, ILogger<EmbeddedKafkaBroker> logger)
    {
        _logger = logger;
        // The mock cluster needs an rd_kafka_t for its bookkeeping, as in librdkafka's own tests: an idle producer.
        var errors = new byte[512];
        var conf = RdKafkaMockNative.ConfNew();
        // The handle itself never connects anywhere: keep its notice about having no bootstrap.servers off stderr.
        if (RdKafkaMockNative.ConfSet(conf, "log_level", "4", errors, (nuint)errors.Length) != 0)
        {
            RdKafkaMockNative.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka refused log_level for the embedded broker: {Text(errors)}");
        }
        _handle = RdKafkaMockNative.New(0, conf, errors, (nuint)errors.Length);
        if (_handle == IntPtr.Zero)
        {
            RdKafkaMockNative.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka could not create the embedded broker's handle: {Text(errors)}");
        }
        _cluster = RdKafkaMockNative.MockClusterNew(_handle, 1);
        if (_cluster == IntPtr.Zero)
        {
            Dispose();
            throw new InvalidOperationException("librdkafka could not create the embedded broker (mock cluster); its log above says why.");
        }
        RdKafkaMockNative.MockSetControllerId(_cluster, 1);
        RdKafkaMockNative.MockGroupInitialRebalanceDelayMs(_cluster, 0);
        var partitions = _partitions = options.Value.EmbeddedPartitions;
        foreach (var topic in Topics.All.Concat(Topics.Inputs))
        {
            var error = RdKafkaMockNative.MockTopicCreate(_cluster, topic, partitions, 1);
            if (error != 0)
            {
                Dispose();
                throw new InvalidOperationException($"The embedded broker could not create topic {topic}: librdkafka error {error}.");
            }
        }
        BootstrapServers = Marshal.PtrToStringUTF8(RdKafkaMockNative.MockClusterBootstraps(_cluster)) ?? "";
        LogStarted(BootstrapServers, Topics.All.Count + Topics.Inputs.Count, partitions);
    }

    /// <summary>Where clients connect: <c>127.0.0.1:PORT</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>
    /// Creates a topic with the configured partitions unless it exists (a sandbox's topic is named only when it runs).
    /// </summary>
    public void CreateTopic(string topic)
    {
        const int TopicAlreadyExists = 36;
        ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
        var error = RdKafkaMockNative.MockTopicCreate(_cluster, topic, _partitions, 1);
        if (error != 0 && error != TopicAlreadyExists)
        {
            throw new InvalidOperationException($"The embedded broker could not create topic {topic}: librdkafka error {error}.");
        }
    }

    public void Dispose()
    {
        if (_cluster != IntPtr.Zero)
        {
            RdKafkaMockNative.MockClusterDestroy(_cluster);
            _cluster = IntPtr.Zero;
            LogStopped();
        }
        if (_handle != IntPtr.Zero)
        {
            RdKafkaMockNative.Destroy(_handle);
            _handle = IntPtr.Zero;
        }
    }

    private static string Text(byte[] cString) => Encoding.UTF8.GetString(cString, 0, Math.Max(0, Array.IndexOf(cString, (byte)0)));

    [LoggerMessage(1200, LogLevel.Information,
        "Embedded Kafka-protocol broker on {BootstrapServers} (127.0.0.1 only): {Topics} topics of {Partitions} partitions, " +
        "IN MEMORY and bounded to about 5 MiB per partition (older messages are dropped, a restart loses all). " +
        "Consume with kcat -C -b <that address> -t streaming.clean.v1 -o beginning")]
    private partial void LogStarted(string bootstrapServers, int topics, int partitions);

    [LoggerMessage(1201, LogLevel.Information, "Embedded Kafka-protocol broker stopped; its topics are gone")]
    private partial void LogStopped();
}
