using System.Buffers;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// What both MQTT modes do with a publish: check its size and topic, let the mode add its own checks (the embedded
/// broker's ACL and rate limit), then decode and ingest it through the group-commit batcher. Every refusal is
/// dead-lettered and answered with an MQTT 5 reason code.
/// </summary>
public sealed class MqttIngestor(MqttIngestBatcher batcher, DeadLetterOffice deadLetters, IOptions<MqttOptions> options,
    TimeProvider time)
{
    // Evidence kept from an oversized payload: enough to see what it was, never the whole of it.
    private const int OversizeEvidenceBytes = 1024;
    private const int MaxReasonLength = 200;

    /// <summary>Handles one publish. <paramref name="gate"/> may refuse it by returning an answer (after dead-lettering it).</summary>
    public async Task<MqttAnswer> HandleAsync(MqttInbound inbound, Func<MqttTopicRoute, MqttInbound, MqttAnswer?>? gate, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxPacketBytes;
        if (inbound.Payload.Length > limit)
        {
            var evidence = inbound.Payload.Slice(0, OversizeEvidenceBytes).ToArray();
            return Refuse(inbound, DeadLetterStage.Decode, nameof(RejectReason.TooLarge), MqttPubAckReasonCode.QuotaExceeded,
                $"payload is {inbound.Payload.Length} bytes; the limit is {limit} (first {evidence.Length} bytes kept)", evidence, null);
        }
        if (MqttTopics.Parse(inbound.Topic) is not { } route)
        {
            return Refuse(inbound, DeadLetterStage.Auth, "UnknownTopic", MqttPubAckReasonCode.TopicNameInvalid,
                "topic is not sensors/{source}, sensors/{source}/{metric}, social/{source}, media/{source} or records/{source}", inbound.Payload.ToArray(), null);
        }
        if (gate?.Invoke(route, inbound) is { } refused)
        {
            return refused;
        }

        var body = inbound.Payload.ToArray();
        var context = new DecodeContext(Provenance(inbound), route.Source, route.Metric,
            new DecodeLimits { MaxBodyBytes = limit });
        var format = route.Kind switch
        {
            EventKind.Record => PayloadFormat.Record,
            EventKind.Social => PayloadFormat.Social,
            EventKind.Media => PayloadFormat.Image,
            _ => PayloadSniffer.Detect(body, inbound.ContentType),
        };
        var answer = await batcher.SubmitAsync(new IngestItem(body, format, context, inbound.ContentType ?? DefaultContentType(format)), cancellationToken);
        return answer with { Reason = Truncate(answer.Reason) };
    }

    /// <summary>Dead-letters a publish refused at the transport (auth, ACL, size, topic, rate) and says so to the sender.</summary>
    public MqttAnswer Refuse(MqttInbound inbound, DeadLetterStage stage, string reason, MqttPubAckReasonCode code, string detail,
        byte[] payload, string? source)
    {
        deadLetters.Post(new DeadLetter(Guid.NewGuid().ToString("N"), stage, reason, detail, Provenance(inbound), payload,
            inbound.ContentType, source, null, time.GetUtcNow(), 1));
        return MqttAnswer.Refused(code, Truncate($"{reason}: {detail}")!);
    }

    /// <summary>Dead-letters a refused connection (no payload: nothing was published).</summary>
    public void RefuseConnection(string clientId, string reason, string detail) =>
        PostUnread("(connect)", clientId, DeadLetterStage.Auth, reason, detail);

    /// <summary>Dead-letters a packet refused for its declared size before it was read (no payload: none was read).</summary>
    public void RefuseOversizedPacket(string clientId, string detail) =>
        PostUnread("(unread)", clientId, DeadLetterStage.Decode, nameof(RejectReason.TooLarge), detail);

    private void PostUnread(string topic, string clientId, DeadLetterStage stage, string reason, string detail)
    {
        var provenance = new Provenance(Transport.Mqtt, topic, null, null, clientId, time.GetUtcNow());
        deadLetters.Post(new DeadLetter(Guid.NewGuid().ToString("N"), stage, reason, detail, provenance, [],
            null, clientId, null, time.GetUtcNow(), 1));
    }

    private Provenance Provenance(MqttInbound inbound) =>
        new(Transport.Mqtt, inbound.Topic, null, null, inbound.ClientId, time.GetUtcNow());

    private static string DefaultContentType(PayloadFormat format) => format switch
    {
        PayloadFormat.SenML => PayloadSniffer.SenMLContentType,
        PayloadFormat.Image => "application/octet-stream",
        _ => "application/json",
    };

    private static string? Truncate(string? reason) => reason is { Length: > MaxReasonLength } ? reason[..MaxReasonLength] : reason;
}
