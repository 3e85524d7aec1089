using System.Text.Json;

namespace Streaming.Domain;

/// <summary>
/// One post in our social JSON: <c>{"id":"p1","source":"council-feed","time":"2026-11-25T10:00:00Z","author":"alice",
/// "text":"…","lat":51.0,"lon":-3.1,"postcode":"TA1 1NW","place":"Taunton"}</c>. Envelope id <c>{source}/{id}</c>.
/// </summary>
internal static class SocialJsonItem
{
    private static readonly string[] Fields = ["source", "id", "time", "author", "text", "lat", "lon", "postcode", "place"];
    private const int Source = 0, Id = 1, Time = 2, Author = 3, Text = 4, Lat = 5, Lon = 6, Post = 7, Place = 8;

    /// <summary>Decodes one object; exactly one of the fault and <paramref name="envelope"/> is set.</summary>
    internal static DecodeFault? TryDecode(JsonElement item, DecodeContext ctx, out EventEnvelope? envelope)
    {
        envelope = null;
        var f = new JsonElement[Fields.Length];
        var max = ctx.Limits.MaxIdentifierLength;
        var source = default(SourceId);
        string id = "", author = "", text = "";
        string? place = null;
        var time = default(DateTimeOffset);
        var location = default(GeoPoint?);
        var postcode = default(Postcode?);
        var key = Array.Empty<byte>();
        var fault = JsonFields.Collect(item, Fields, f)
            ?? TrySource(f[Source], ctx, out source)
            ?? Required(f[Id], "id", max, out id)
            ?? (JsonFields.Has(f[Time]) ? EventTimes.TryReadSensorTime(f[Time], ctx, out time) : new DecodeFault(RejectReason.MissingField, "time is required"))
            ?? Required(f[Author], "author", max, out author)
            ?? (JsonFields.Has(f[Text]) ? SocialPost.TryText(f[Text], "text", out text) : new DecodeFault(RejectReason.MissingField, "text is required"))
            ?? TryLocation(f[Lat], f[Lon], out location)
            ?? TryPostcode(f[Post], out postcode)
            ?? SocialPost.TryPlace(f[Place], "place", out place)
            ?? SocialPost.TryKey(ctx, out key);
        if (fault is not null)
        {
            return fault;
        }

        var payload = SocialPost.Build(text, author, key, hashtags: null, mentions: null, links: null);
        envelope = new EventEnvelope(new EnvelopeId($"{source}/{id}"), source, EventKind.Social, null, time, null, ctx.Provenance,
            payload with { Location = location, Postcode = postcode ?? SocialPost.FindPostcode(payload.Text), PlaceName = place });
        return null;
    }

    // As for sensor JSON: from the body or the topic, and when both are given they must agree.
    private static DecodeFault? TrySource(JsonElement e, DecodeContext ctx, out SourceId source)
    {
        source = ctx.DefaultSource ?? default;
        if (!JsonFields.Has(e))
        {
            return ctx.DefaultSource is null ? new(RejectReason.MissingField, "source is required (or publish on a topic that names it)") : null;
        }

        var fault = JsonFields.TryGetIdentifier(e, "source", ctx.Limits.MaxIdentifierLength, out var text);
        if (fault is null && ctx.DefaultSource is { } topic && topic.Value != text)
        {
            return new(RejectReason.WrongType, $"source in body '{text}' does not match topic source '{topic.Value}'");
        }

        source = new SourceId(text);
        return fault;
    }

    private static DecodeFault? TryLocation(JsonElement lat, JsonElement lon, out GeoPoint? location)
    {
        location = null;
        if (!JsonFields.Has(lat) && !JsonFields.Has(lon))
        {
            return null;
        }

        var fault = SocialPost.TryPoint(lat, lon, "lat and lon (both or neither)", out var point);
        location = fault is null ? point : null;
        return fault;
    }

    private static DecodeFault? TryPostcode(JsonElement e, out Postcode? postcode)
    {
        postcode = null;
        if (!JsonFields.Has(e))
        {
            return null;
        }

        // Bounded before it is read: no postcode is longer than 16 characters, however it is spaced.
        if (JsonFields.TryGetString(e, "postcode", 16, out var text) is not null || !Postcode.TryParse(text, out var parsed))
        {
            return new(RejectReason.WrongType, "postcode must be a valid UK postcode");
        }

        postcode = parsed;
        return null;
    }

    private static DecodeFault? Required(JsonElement e, string field, int max, out string text)
    {
        text = "";
        return JsonFields.Has(e) ? JsonFields.TryGetIdentifier(e, field, max, out text) : new(RejectReason.MissingField, field + " is required");
    }
}
