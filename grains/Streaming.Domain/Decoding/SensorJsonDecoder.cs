using System.Text.Json;
using static System.FormattableString;

namespace Streaming.Domain;

/// <summary>
/// Decodes our sensor JSON (docs/payloads.md): one object, or an array of objects, each like
/// <c>{"source":"aq-17","time":"2026-11-25T10:00:00Z","readings":{"pm25":12.5},"unit":{"pm25":"ug/m3"},"seq":42}</c>.
/// Each array item stands alone: a bad item becomes one <see cref="Rejection"/> and the rest still decode.
/// On a <c>sensors/{source}/{metric}</c> topic the body may also be a bare number, timed at ingest.
/// </summary>
public static class SensorJsonDecoder
{
    /// <summary>Decodes <paramref name="body"/>. Pure, and never throws for bad input.</summary>
    /// <param name="body">The raw body: UTF-8 JSON, checked against the size limit before it is parsed.</param>
    /// <param name="ctx">Provenance (its ingest time), the topic's source and metric, and the limits.</param>
    /// <returns>The envelopes built, in body order, and one rejection per item that could not be built.</returns>
    public static DecodeResult Decode(ReadOnlySpan<byte> body, DecodeContext ctx)
    {
        if (!JsonBody.TryParse(body, ctx.Limits, out var document, out var failure))
        {
            return failure;
        }

        using (document)
        {
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Array => DecodeArray(root, ctx),
                JsonValueKind.Object => One(SensorJsonItem.TryDecode(root, ctx, out var envelope), envelope),
                JsonValueKind.Number when ctx.DefaultMetric is { } metric =>
                    One(SensorJsonItem.TryDecodeBareNumber(root, metric, ctx, out var envelope), envelope),
                _ => DecodeResult.Failed(RejectReason.WrongType, $"body must be a JSON object or an array of objects, not {root.ValueKind}"),
            };
        }
    }

    private static DecodeResult DecodeArray(JsonElement array, DecodeContext ctx)
    {
        var count = array.GetArrayLength();
        if (count > ctx.Limits.MaxEventsPerBody)
        {
            return DecodeResult.Failed(
                RejectReason.TooLarge, Invariant($"body has {count} items; the limit is {ctx.Limits.MaxEventsPerBody}"));
        }

        var result = new DecodeResultBuilder();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            Add(result, index++, SensorJsonItem.TryDecode(item, ctx, out var envelope), envelope);
        }

        return result.Build();
    }

    // A single object is a batch of one: its rejection carries index 0, not the whole-body -1.
    private static DecodeResult One(DecodeFault? fault, EventEnvelope? envelope)
    {
        var result = new DecodeResultBuilder();
        Add(result, 0, fault, envelope);
        return result.Build();
    }

    private static void Add(DecodeResultBuilder result, int index, DecodeFault? fault, EventEnvelope? envelope)
    {
        if (fault is not null)
        {
            result.Reject(index, fault);
        }
        else if (envelope is not null)
        {
            result.Accept(envelope);
        }
    }
}
