using System.ComponentModel.DataAnnotations;

namespace Streaming.Ingress;

/// <summary>MQTT ingress, bound from <c>Mqtt</c>. Cross-field rules are in <see cref="MqttOptionsValidator"/>.</summary>
public sealed class MqttOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Mqtt";

    /// <summary><see cref="MqttMode.Embedded"/> (default), <see cref="MqttMode.Client"/> or <see cref="MqttMode.Off"/>.</summary>
    public MqttMode Mode { get; set; } = MqttMode.Embedded;

    /// <summary>Embedded broker: TCP port. Default 1883.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>Embedded broker: the IPv4 address it listens on. Default <c>127.0.0.1</c> (this machine only); never IPv6.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Largest publish payload accepted, in bytes; larger ones are refused and dead-lettered. Default 256 KiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxPacketBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Embedded broker: whether clients that are not in <see cref="Devices"/> may connect without credentials. Default true,
    /// allowed only while <see cref="BindAddress"/> is a loopback address. A listed device always needs its secret.
    /// </summary>
    public bool AllowAnonymous { get; set; } = true;

    /// <summary>Embedded broker: the devices and their hashed secrets.</summary>
    public List<MqttDevice> Devices { get; set; } = [];

    /// <summary>Embedded broker: publishes per second allowed to each source (token bucket); the rest are dead-lettered. Default 100.</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPerSecond { get; set; } = 100;

    /// <summary>Embedded broker: publishes a source may send in a burst above its rate. Default 200.</summary>
    [Range(1, 1_000_000)]
    public int RateLimitBurst { get; set; } = 200;

    /// <summary>Most publishes submitted to the grains together (group commit). Default 500.</summary>
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 500;

    /// <summary>
    /// How long a batch may wait to fill before it is submitted. Default 0: a batch is what arrived while the previous one
    /// was being made durable. MQTTnet hands the server one publish per client at a time (the next after the PUBACK), so
    /// a linger slows each embedded client to about one publish per linger (measured: 5 ms gave 78/s per client) and
    /// gained nothing in client mode (~10.8 k/s against ~10.5 k/s without).
    /// </summary>
    public TimeSpan BatchLinger { get; set; } = TimeSpan.Zero;

    /// <summary>Client mode: the external broker.</summary>
    public MqttClientModeOptions Client { get; set; } = new();
}
