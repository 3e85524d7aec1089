using System.Globalization;
using System.Text.Json;
using static System.FormattableString;

namespace Streaming.Domain;

/// <summary>
/// One Twitter API v1.1 status. Envelope id <c>twitter:{id_str}</c>; the source is the channel's (Twitter's own
/// <c>source</c> is the client app's HTML, not ours). A retweet counts as a post by the retweeter at the retweet's
/// time and place, carrying the original's full text as <c>RT @author: text</c> and the original's entities, the
/// original author first among the mentions. A quoted status is not read: the quote's own text is the post.
/// </summary>
internal static class TwitterStatusItem
{
    private static readonly string[] Fields = ["id_str", "id", "created_at", "user", "coordinates", "geo", "place", "retweeted_status"];
    private const int IdStr = 0, Id = 1, CreatedAt = 2, User = 3, Coordinates = 4, Geo = 5, Place = 6, Retweeted = 7;
    private const string TimeFormat = "ddd MMM dd HH:mm:ss zzz yyyy";

    /// <summary>Whether <paramref name="item"/> is in this shape: it has <c>created_at</c>, <c>id_str</c> or <c>user</c>.</summary>
    internal static bool Matches(JsonElement item) =>
        item.TryGetProperty("created_at", out _) || item.TryGetProperty("id_str", out _) || item.TryGetProperty("user", out _);

    /// <summary>Decodes one status; exactly one of the fault and <paramref name="envelope"/> is set.</summary>
    internal static DecodeFault? TryDecode(JsonElement item, DecodeContext ctx, out EventEnvelope? envelope)
    {
        envelope = null;
        var f = new JsonElement[Fields.Length];
        string id = "", author = "", text = "";
        string[]? hashtags = null, mentions = null, links = null;
        string? place = null;
        var time = default(DateTimeOffset);
        var location = default(GeoPoint?);
        var key = Array.Empty<byte>();
        var fault = JsonFields.Collect(item, Fields, f)
            ?? (ctx.DefaultSource is null ? new DecodeFault(RejectReason.MissingField, "source is required: a Twitter status takes it from the topic or endpoint") : null)
            ?? TryId(f[IdStr], f[Id], out id)
            ?? TryTime(f[CreatedAt], ctx, out time)
            ?? TryScreenName(f[User], ctx, "user.screen_name", out author)
            ?? TryContent(item, f[Retweeted], ctx, out text, out hashtags, out mentions, out links)
            ?? TwitterPlace.TryLocation(f[Coordinates], f[Geo], out location)
            ?? TwitterPlace.TryPlaceName(f[Place], out place)
            ?? SocialPost.TryKey(ctx, out key);
        if (fault is not null)
        {
            return fault;
        }

        var payload = SocialPost.Build(text, author, key, hashtags, mentions, links);
        envelope = new EventEnvelope(new EnvelopeId("twitter:" + id), ctx.DefaultSource!.Value, EventKind.Social, null, time, null, ctx.Provenance,
            payload with { Location = location, Postcode = SocialPost.FindPostcode(payload.Text), PlaceName = place });
        return null;
    }

    private static DecodeFault? TryContent(JsonElement status, JsonElement retweeted, DecodeContext ctx,
        out string text, out string[]? hashtags, out string[]? mentions, out string[]? links)
    {
        if (!JsonFields.Has(retweeted) || retweeted.ValueKind == JsonValueKind.Null)
        {
            return TwitterEntities.TryContent(status, out text, out hashtags, out mentions, out links);
        }

        (text, hashtags, mentions, links) = ("", null, null, null);
        if (retweeted.ValueKind != JsonValueKind.Object)
        {
            return new(RejectReason.WrongType, $"retweeted_status must be an object, not {retweeted.ValueKind}");
        }

        var original = retweeted.TryGetProperty("user", out var user) ? user : default;
        var fault = TryScreenName(original, ctx, "retweeted_status.user.screen_name", out var by)
            ?? TwitterEntities.TryContent(retweeted, out text, out hashtags, out mentions, out links);
        text = SocialText.Normalise($"RT @{by}: {text}");
        mentions = mentions is null ? null : [by, .. mentions];
        return fault;
    }

    // id_str is exact; the numeric id is read as a 64-bit integer, never through a double.
    private static DecodeFault? TryId(JsonElement idStr, JsonElement id, out string text)
    {
        text = "";
        if (JsonFields.Has(idStr))
        {
            var fault = JsonFields.TryGetString(idStr, "id_str", 20, out text);
            return fault ?? (text.Length > 0 && text.All(char.IsAsciiDigit) ? null : new(RejectReason.WrongType, "id_str must be a string of digits"));
        }

        if (!JsonFields.Has(id))
        {
            return new(RejectReason.MissingField, "id_str (or id) is required");
        }

        var wrong = JsonNumbers.TryGetInteger(id, "id", out var number) ?? (number < 0 ? new(RejectReason.WrongType, "id must not be negative") : null);
        text = number.ToString(CultureInfo.InvariantCulture);
        return wrong;
    }

    // Twitter's "Wed Oct 10 20:19:24 +0000 2018": the offset gets its colon so the invariant "zzz" reads it.
    private static DecodeFault? TryTime(JsonElement e, DecodeContext ctx, out DateTimeOffset time)
    {
        time = default;
        if (!JsonFields.Has(e))
        {
            return new(RejectReason.MissingField, "created_at is required");
        }

        var fault = JsonFields.TryGetString(e, "created_at", 40, out var text);
        var parts = text.Split(' ');
        if (fault is not null || parts.Length != 6 || parts[4].Length != 5
            || !DateTimeOffset.TryParseExact(string.Join(' ', parts[..4]) + $" {parts[4][..3]}:{parts[4][3..]} {parts[5]}",
                TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            return fault?.Reason == RejectReason.WrongType ? fault
                : new(RejectReason.BadTime, "created_at is not a Twitter time (Wed Oct 10 20:19:24 +0000 2018)");
        }

        time = time.ToUniversalTime();
        return EventTimes.CheckSkew(time, ctx);
    }

    private static DecodeFault? TryScreenName(JsonElement user, DecodeContext ctx, string field, out string handle)
    {
        handle = "";
        if (!JsonFields.Has(user) || user.ValueKind == JsonValueKind.Null)
        {
            return new(RejectReason.MissingField, field + " is required");
        }

        return user.ValueKind != JsonValueKind.Object ? new(RejectReason.WrongType, $"{field[..field.LastIndexOf('.')]} must be an object")
            : user.TryGetProperty("screen_name", out var name) ? JsonFields.TryGetIdentifier(name, field, ctx.Limits.MaxIdentifierLength, out handle)
            : new(RejectReason.MissingField, field + " is required");
    }
}
