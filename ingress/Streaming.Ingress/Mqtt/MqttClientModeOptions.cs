using System.ComponentModel.DataAnnotations;

namespace Streaming.Ingress;

/// <summary>Client mode: the external broker to subscribe to, bound from <c>Mqtt:Client</c>.</summary>
public sealed class MqttClientModeOptions
{
    /// <summary>The topics subscribed when none are configured.</summary>
    public static readonly IReadOnlyList<string> DefaultTopics = ["sensors/#", "social/#", "media/#", "records/#"];

    /// <summary>Broker host name or address. Required in client mode.</summary>
    public string Host { get; set; } = "";

    /// <summary>Broker TCP port. Default 1883.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>User name, if the broker wants one.</summary>
    public string? Username { get; set; }

    /// <summary>Password, if the broker wants one. A secret: set it from the environment, never in a checked-in file; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Client id; keep it stable per silo so its session (and unacknowledged messages) survive a reconnect. Default <c>streaming-{machine}</c>.</summary>
    public string ClientId { get; set; } = "streaming-" + Environment.MachineName;

    /// <summary>Shared subscription group: every silo in the group gets a share of the messages. Default <c>streaming</c>.</summary>
    public string SharedGroup { get; set; } = "streaming";

    /// <summary>Topic filters, each subscribed as <c>$share/{SharedGroup}/{filter}</c> at QoS 1. Empty means <see cref="DefaultTopics"/>.</summary>
    public List<string> Topics { get; set; } = [];

    /// <summary>Most unacknowledged messages the broker may send at once (MQTT 5 Receive Maximum). Default 1,000.</summary>
    [Range(1, 65535)]
    public int MaxInFlight { get; set; } = 1000;

    /// <summary>How long the broker keeps this client's session while it is away, in seconds. Default 1 hour.</summary>
    [Range(0, 7 * 24 * 3600)]
    public int SessionExpirySeconds { get; set; } = 3600;

    /// <summary>Longest wait between reconnect attempts; the back-off doubles from 0.5 s up to this. Default 30 s.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);
}
