namespace Streaming.Domain;

/// <summary>How an event reached the platform. Nothing past ingress branches on it.</summary>
[GenerateSerializer]
public enum Transport
{
    /// <summary>HTTP ingest endpoint.</summary>
    Http,
    /// <summary>MQTT, embedded broker or external broker.</summary>
    Mqtt,
    /// <summary>A Kafka topic.</summary>
    Kafka,
    /// <summary>Re-run from history.</summary>
    Replay,
    /// <summary>The built-in demo feed.</summary>
    Demo,
}
