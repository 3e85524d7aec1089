namespace Streaming.Ingress;

/// <summary>
/// The platform's Kafka output topics. Every value is JSON (UTF-8) with CloudEvents binary-mode headers
/// (<c>ce_specversion</c>, <c>ce_id</c>, <c>ce_source</c>, <c>ce_type</c>, <c>ce_time</c>, <c>content-type</c>).
/// Retention and compaction are set when a real cluster's topics are created (the platform creates topics only on
/// the embedded broker, which keeps roughly the newest 5 MiB of each partition in memory whatever is asked).
/// A breaking change to a value schema gets a new topic (<c>.v2</c>), never an in-place change.
/// </summary>
public static class Topics
{
    /// <summary>
    /// Cleaned events. Key = entity key (<c>source:aq-17</c>). Value = clean event JSON v1: <c>id</c> (envelope id),
    /// <c>source</c>, <c>entity</c>, <c>kind</c>, <c>eventTime</c>, <c>receivedAt</c>, <c>readings[{metric, value, unit, flags}]</c>.
    /// At least once (a redelivered batch may repeat an id: dedupe by <c>ce_id</c>). Delete policy, 7 days.
    /// </summary>
    public const string Clean = "streaming.clean.v1";

    /// <summary>
    /// Entity state. Key = entity key. Value = entity snapshot JSON v1: <c>key</c>, <c>area</c>,
    /// <c>current{metric: {value, unit, eventTime, flags, source}}</c>, <c>eventsApplied</c>, <c>eventsLate</c>,
    /// <c>duplicates</c>, <c>lastReceivedAt</c>, <c>watermark</c>. Compacted: the newest value per key is the entity's state.
    /// </summary>
    public const string Entities = "streaming.entities.v1";

    /// <summary>
    /// Window results. Key = owner: an entity key, <c>area:{name}</c> or <c>system</c>. Value = window JSON v1:
    /// <c>id</c>, <c>owner</c>, <c>kind</c>, <c>metric</c>, <c>size</c>, <c>start</c>, <c>end</c>, <c>count</c>, <c>sum</c>,
    /// <c>min</c>, <c>max</c>, <c>mean</c>, <c>stddev</c>, <c>p50</c>, <c>p95</c>, <c>p99</c>, <c>revision</c>, <c>final</c>.
    /// A window is emitted again with a higher <c>revision</c> when late data revises it; the highest revision wins.
    /// Delete policy, 30 days.
    /// </summary>
    public const string Aggregates = "streaming.aggregates.v1";

    /// <summary>
    /// Alerts: a threshold rule (<c>Alerts:Rules</c>) crossed by an entity's window, once per rule, entity and window.
    /// Key = entity key. Value = alert JSON v1: <c>id</c>, <c>rule</c>, <c>entity</c>, <c>kind</c>, <c>metric</c>, <c>size</c>,
    /// <c>start</c>, <c>end</c>, <c>mean</c>, <c>count</c>, <c>threshold</c>, <c>direction</c> (<c>above</c> or <c>below</c>),
    /// <c>final</c> (whether the window was final, else provisional), <c>firedAt</c>. Delete policy, 30 days.
    /// </summary>
    public const string Alerts = "streaming.alerts.v1";

    /// <summary>
    /// Dead letters. Key = source id, or null when the source is unknown. Value = dead letter JSON v1: <c>id</c>,
    /// <c>stage</c>, <c>reason</c>, <c>detail</c>, <c>provenance{transport, channel, partition, offset, clientId, receivedAt}</c>,
    /// <c>payload</c> (the original bytes, base64), <c>contentType</c>, <c>source</c>, <c>metric</c>, <c>firstSeen</c>,
    /// <c>attempts</c>. A payload over <see cref="KafkaOptions.MaxDeadLetterPayloadBytes"/> is cut to that size and the
    /// message carries a <c>streaming-payload-truncated</c> header with the original length. Delete policy, 30 days.
    /// </summary>
    public const string DeadLetter = "streaming.deadletter.v1";

    /// <summary>
    /// A sandbox's window results (<c>streaming.sandbox.{name}.aggregates.v1</c>): the final windows of a completed sandbox
    /// run (<c>POST /api/replay/sandbox</c>), once each. Key and value exactly as <see cref="Aggregates"/>. Created on the
    /// embedded broker when the run publishes; create it beforehand on a real cluster. Delete policy, 7 days.
    /// </summary>
    /// <param name="sandbox">The sandbox's name (lower-case letters, digits, '-' and '_').</param>
    public static string SandboxAggregates(string sandbox) => $"streaming.sandbox.{sandbox}.aggregates.v1";

    /// <summary>Every output topic, as the embedded broker creates them.</summary>
    public static IReadOnlyList<string> All { get; } = [Clean, Entities, Aggregates, Alerts, DeadLetter];

    /// <summary>
    /// Events in (the Kafka ingress consumes it, <c>Ingress:Kafka:Topics</c>). Key = source id (the default source of
    /// the value's events; may be null when the value names its sources). Value = our sensor JSON (one object or an array);
    /// with header <c>content-type: application/senml+json</c> a SenML pack; with
    /// <c>content-type: application/vnd.streaming.record+json</c> records (docs/payloads.md). Undecodable values and values
    /// over <c>Ingress:Http:MaxBodyBytes</c> are dead-lettered (<see cref="DeadLetter"/>), never dropped. Delete policy, 7 days.
    /// </summary>
    public const string Ingest = "streaming.ingest.v1";

    /// <summary>Every input topic, as the embedded broker creates them.</summary>
    public static IReadOnlyList<string> Inputs { get; } = [Ingest];
}
