using System.Text;
using System.Text.Json;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// Decode, submit, dead-letter: what every transport does with a body. Throws only when the grains could not
/// make the events durable, so the transport withholds its acknowledgement and the sender retries.
/// </summary>
public sealed class IngestService(IngestPipeline pipeline, DeadLetterOffice deadLetters, TimeProvider time)
{
    /// <summary>Ingests one body. <paramref name="resubmitOf"/> carries a dead letter's history into any new refusal.</summary>
    public async Task<IngestOutcome> IngestAsync(ReadOnlyMemory<byte> body, PayloadFormat format, DecodeContext context,
        string? contentType = null, DeadLetter? resubmitOf = null)
    {
        var decoded = format == PayloadFormat.SenML ? SenMLDecoder.Decode(body.Span, context) : SensorJsonDecoder.Decode(body.Span, context);
        var report = await pipeline.Submit(decoded.Envelopes);

        var letters = new List<DeadLetter>();
        DeadLetter Letter(DeadLetterStage stage, string reason, string detail, byte[] payload, string? source, string? metric) =>
            new(Guid.NewGuid().ToString("N"), stage, reason, detail, context.Provenance, payload, contentType, source, metric,
                resubmitOf?.FirstSeen ?? time.GetUtcNow(), (resubmitOf?.Attempts ?? 0) + 1);

        foreach (var r in decoded.Rejections)
        {
            letters.Add(Letter(DeadLetterStage.Decode, r.Reason.ToString(), r.Detail, ItemBytes(body, r.Index),
                context.DefaultSource?.Value, null));
        }
        var byId = decoded.Envelopes.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var r in report.Rejections)
        {
            var envelope = byId[r.Envelope];
            var stage = r.Reason == RejectReason.Late ? DeadLetterStage.Late : DeadLetterStage.Clean;
            letters.Add(Letter(stage, r.Reason.ToString(), r.Detail, SensorJsonEncoder.Encode(envelope), envelope.Source.Value, r.Metric));
        }
        letters.ForEach(deadLetters.Post);
        return new IngestOutcome(decoded, report, letters);
    }

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
