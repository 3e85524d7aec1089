using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Confluent.Kafka;

namespace Streaming.Ingress;

/// <summary>Kafka output (and the embedded broker), bound from <c>Kafka</c>.</summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    /// <summary>Publish to Kafka. Default <c>true</c>; <c>false</c> keeps the pipeline and the read API but publishes nothing.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The cluster (<c>host:port,...</c>). Empty (the default) hosts an embedded Kafka-protocol broker in the silo
    /// process: the librdkafka mock cluster on 127.0.0.1, in memory, about 5 MiB kept per partition.
    /// </summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Partitions of each topic on the embedded broker. Default 4.</summary>
    [Range(1, 64)]
    public int EmbeddedPartitions { get; set; } = 4;

    /// <summary>Security protocol for a real cluster (<c>Plaintext</c>, <c>Ssl</c>, <c>SaslPlaintext</c>, <c>SaslSsl</c>). Default: librdkafka's (plaintext).</summary>
    public SecurityProtocol? SecurityProtocol { get; set; }

    /// <summary>SASL mechanism (<c>Plain</c>, <c>ScramSha256</c>, <c>ScramSha512</c>, ...). Default: none.</summary>
    public SaslMechanism? SaslMechanism { get; set; }

    /// <summary>SASL user name.</summary>
    public string? SaslUsername { get; set; }

    /// <summary>SASL password. A secret: set it from an environment variable or a secret store, never in appsettings; never logged or shown.</summary>
    [PasswordPropertyText(true)]
    public string? SaslPassword { get; set; }

    /// <summary>CA certificate file (PEM) for TLS, when the system's trust store does not hold the cluster's CA.</summary>
    public string? SslCaLocation { get; set; }

    /// <summary>
    /// Further librdkafka producer properties, passed through (<c>Kafka:Producer:compression.type=lz4</c>).
    /// Idempotence and <c>acks=all</c> are always set and cannot be turned off here.
    /// </summary>
    public Dictionary<string, string> Producer { get; set; } = [];

    /// <summary>How long a message may take to be delivered before it counts as failed. Default 20 s, under Orleans' 30 s call timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:15:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest original payload a dead letter carries; longer ones are cut (see <see cref="Topics.DeadLetter"/>). Default 700,000 bytes, so the base64 value stays under Kafka's default 1 MB message limit.</summary>
    [Range(1024, 10_000_000)]
    public int MaxDeadLetterPayloadBytes { get; set; } = 700_000;

    /// <summary>Copies the configured security settings (SASL, TLS) onto a producer's or consumer's configuration.</summary>
    public void ApplySecurity(ClientConfig config)
    {
        config.SecurityProtocol = SecurityProtocol ?? config.SecurityProtocol;
        config.SaslMechanism = SaslMechanism ?? config.SaslMechanism;
        config.SaslUsername = SaslUsername ?? config.SaslUsername;
        config.SaslPassword = SaslPassword ?? config.SaslPassword;
        config.SslCaLocation = SslCaLocation ?? config.SslCaLocation;
    }
}
