using System.ComponentModel.DataAnnotations;

namespace Streaming.Ingress;

/// <summary>The Kafka ingress (a consumer group), bound from <c>Ingress:Kafka</c>. The cluster and its security come from <see cref="KafkaOptions"/>.</summary>
public sealed class KafkaIngressOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingress:Kafka";

    /// <summary>Consume. Default <c>true</c>; off as well when <c>Kafka:Enabled</c> is <c>false</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Topics to consume (<c>Ingress:Kafka:Topics:0=...</c>). Default (empty): <see cref="Topics.Ingest"/>. Empty rather
    /// than pre-filled because the configuration binder appends to a list it finds, so a configured list would keep the default.
    /// </summary>
    public string[] Topics { get; set; } = [];

    /// <summary>The topics consumed: <see cref="Topics"/>, or <see cref="Topics.Ingest"/> when none are set.</summary>
    internal IReadOnlyList<string> EffectiveTopics => Topics.Length > 0 ? Topics : [Streaming.Ingress.Topics.Ingest];

    /// <summary>The consumer group: every silo joins it, so Kafka spreads the partitions across silos. Default <c>streaming-ingress</c>.</summary>
    [Required]
    public string GroupId { get; set; } = "streaming-ingress";

    /// <summary>
    /// Most messages in one submission to the grains. Default 500. Also the back-pressure bound: one batch is with the
    /// grains at a time, and once the next one is full the consumer pauses its partitions until the grains catch up.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxBatch { get; set; } = 500;

    /// <summary>How long a batch waits for more messages before it goes to the grains. Default 5 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan BatchLinger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>librdkafka's <c>max.poll.interval.ms</c>. Default 5 minutes (the consumer keeps polling while paused).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Submissions of a batch before giving up on it: then the consumer seeks back and the messages come again. Default 3.</summary>
    [Range(1, 100)]
    public int Attempts { get; set; } = 3;

    /// <summary>Back-off after the first failed submission, doubled after each further one. Default 200 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a rebalance or shutdown waits for the batch in flight, so its offsets are stored before the partitions go. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Further librdkafka consumer properties, passed through (<c>Ingress:Kafka:Consumer:session.timeout.ms=10000</c>).
    /// The group, the offset handling and the assignment strategy are always ours and cannot be changed here.
    /// </summary>
    public Dictionary<string, string> Consumer { get; set; } = [];
}
