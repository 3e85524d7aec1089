using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// Decode, submit, dead-letter: what every transport does with a body. Throws only when the grains could not
/// make the events durable, so the transport withholds its acknowledgement and the sender retries.
/// </summary>
public sealed class IngestService(IngestPipeline pipeline, DeadLetterOffice deadLetters, IOptions<IdentifierOptions> identifiers, TimeProvider time,
    IEventArchive archive, MediaDecoder media)
{
    private readonly IdentifierPolicy _identifiers = identifiers.Value.ToPolicy();

    /// <summary>Ingests one body. <paramref name="resubmitOf"/> carries a dead letter's history into any new refusal.</summary>
    public async Task<IngestOutcome> IngestAsync(ReadOnlyMemory<byte> body, PayloadFormat format, DecodeContext context,
        string? contentType = null, DeadLetter? resubmitOf = null)
    {
        var batch = await IngestBatchAsync([new IngestItem(body, format, context, contentType, resubmitOf)]);
        return new IngestOutcome(batch.Decoded[0], batch.Report, batch.DeadLetters);
    }

    /// <summary>
    /// Ingests several bodies with one submission to the grains (a transport's group commit): each source's events
    /// keep their batch order. Throws, before posting any dead letter, when the events could not be made durable.
    /// </summary>
    public async Task<IngestBatchOutcome> IngestBatchAsync(IReadOnlyList<IngestItem> items)
    {
        var decoded = new DecodeResult[items.Count];
        var envelopes = new List<EventEnvelope>();
        var origin = new Dictionary<EnvelopeId, int>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            decoded[i] = Decode(item);
            envelopes.AddRange(decoded[i].Envelopes);
            foreach (var e in decoded[i].Envelopes)
            {
                origin.TryAdd(e.Id, i);
            }
        }
        var report = await pipeline.Submit(envelopes);
        // History (issue 6): what the grains accepted, written before the transport is answered; a failure here throws like one above.
        await archive.AppendAsync(ArchiveSelection.Accepted(envelopes, report));

        var letters = new List<DeadLetter>();
        DeadLetter Letter(IngestItem item, DeadLetterStage stage, string reason, string detail, byte[] payload, string? source, string? metric) =>
            new(Guid.NewGuid().ToString("N"), stage, reason, detail, item.Context.Provenance, payload, item.ContentType, source, metric,
                item.ResubmitOf?.FirstSeen ?? time.GetUtcNow(), (item.ResubmitOf?.Attempts ?? 0) + 1);

        for (var i = 0; i < items.Count; i++)
        {
            foreach (var r in decoded[i].Rejections)
            {
                var payload = items[i].Format == PayloadFormat.Image ? ImageEvidence(items[i].Body) : ItemBytes(items[i].Body, r.Index);
                // A refused record or post may hold personal identifiers or handles in clear: they never reach a dead letter.
                payload = items[i].Format switch
                {
                    PayloadFormat.Record => RecordRedaction.Redact(payload, _identifiers),
                    PayloadFormat.Social => SocialRedaction.Redact(payload),
                    _ => payload,
                };
                letters.Add(Letter(items[i], DeadLetterStage.Decode, r.Reason.ToString(), r.Detail, payload, items[i].Context.DefaultSource?.Value, null));
            }
        }
        var byId = envelopes.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var r in report.Rejections)
        {
            var envelope = byId[r.Envelope];
            var stage = r.Reason == RejectReason.Late ? DeadLetterStage.Late : DeadLetterStage.Clean;
            var item = items[origin[r.Envelope]];
            // A sensor event goes back as sensor JSON, ready to correct; a post or image as the body it came in (a post redacted).
            var payload = item.Format switch
            {
                PayloadFormat.Social => SocialRedaction.Redact(item.Body.Span),
                PayloadFormat.Image => ImageEvidence(item.Body),
                _ => SensorJsonEncoder.Encode(envelope),
            };
            letters.Add(Letter(item, stage, r.Reason.ToString(), r.Detail, payload, envelope.Source.Value, r.Metric));
        }
        letters.ForEach(deadLetters.Post);
        return new IngestBatchOutcome(decoded, report, letters);
    }

    private DecodeResult Decode(IngestItem item) => PayloadDecoding.Decode(item, _identifiers, media);

    // A refused image is kept whole up to 256 KiB, else its first 256 KiB: enough to see what it was, while a thousand
    // recent dead letters stay within memory and each fits a Kafka message.
    private const int MaxImageEvidenceBytes = 256 * 1024;

    private static byte[] ImageEvidence(ReadOnlyMemory<byte> body) => body[..Math.Min(body.Length, MaxImageEvidenceBytes)].ToArray();

    // The refused item's own JSON when the body is an array, else the whole body. Only on the error path.
    private static byte[] ItemBytes(ReadOnlyMemory<byte> body, int index)
    {
        if (index < 0)
        {
            return body.ToArray();
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Array && index < document.RootElement.GetArrayLength()
                ? Encoding.UTF8.GetBytes(document.RootElement[index].GetRawText())
                : body.ToArray();
        }
        catch (JsonException)
        {
            // The decoder already read it item by item; if it will not parse whole, keep the whole body.
            return body.ToArray();
        }
    }
}
