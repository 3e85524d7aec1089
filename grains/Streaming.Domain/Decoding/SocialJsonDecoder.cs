using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using static System.FormattableString;

namespace Streaming.Domain;

/// <summary>
/// Decodes short posts (docs/payloads.md, "Social posts"): one object or an array of them, each in our social JSON
/// (<c>{"id":"p1","source":"council-feed","time":"2026-11-25T10:00:00Z","author":"alice","text":"…"}</c>, optional
/// <c>lat</c>, <c>lon</c>, <c>postcode</c>, <c>place</c>) or as a Twitter API v1.1 status (any item with
/// <c>created_at</c>, <c>id_str</c> or <c>user</c>). Text is normalised; hashtags, mentions and links are extracted;
/// the author and every mention become keyed pseudonyms (<see cref="Pseudonym"/>), so without
/// <see cref="IdentifierPolicy.Key"/> every post is refused. Each item stands alone. Pure; never throws for bad input.
/// </summary>
public static class SocialJsonDecoder
{
    /// <summary>
    /// Deepest nesting read. A status nests further than a sensor body (<see cref="JsonBody.MaxDepth"/>): a retweet's
    /// <c>retweeted_status.user.entities.description.urls[].indices</c> is nine levels down inside an array.
    /// </summary>
    public const int MaxDepth = 16;

    /// <summary>Decodes <paramref name="body"/>.</summary>
    /// <param name="body">The raw body: UTF-8 JSON, checked against the size limit before it is parsed.</param>
    /// <param name="ctx">Provenance, the channel's source, the limits and the pseudonymisation key.</param>
    /// <returns>The envelopes built, in body order, and one rejection per item that could not be built.</returns>
    public static DecodeResult Decode(ReadOnlySpan<byte> body, DecodeContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (!JsonBody.TryParse(body, ctx.Limits, out var document, out var failure, MaxDepth))
        {
            return failure;
        }

        using var owned = document;
        var root = document.RootElement;
        if (root.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
        {
            return DecodeResult.Failed(RejectReason.WrongType, $"body must be a JSON object or an array of objects, not {root.ValueKind}");
        }

        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > ctx.Limits.MaxEventsPerBody)
        {
            return DecodeResult.Failed(RejectReason.TooLarge, Invariant($"body has {root.GetArrayLength()} items; the limit is {ctx.Limits.MaxEventsPerBody}"));
        }

        // A single object is a batch of one: its rejection carries index 0, not the whole-body -1.
        JsonElement[] items = root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray()] : [root];
        var result = new DecodeResultBuilder();
        for (var i = 0; i < items.Length; i++)
        {
            EventEnvelope? envelope = null;
            var fault = items[i].ValueKind != JsonValueKind.Object
                ? new DecodeFault(RejectReason.WrongType, $"a post must be a JSON object, not {items[i].ValueKind}")
                : TwitterStatusItem.Matches(items[i]) ? TwitterStatusItem.TryDecode(items[i], ctx, out envelope)
                : SocialJsonItem.TryDecode(items[i], ctx, out envelope);
            if (fault is not null)
            {
                result.Reject(i, fault);
            }
            else
            {
                result.Accept(envelope!);
            }
        }

        return result.Build();
    }
}
