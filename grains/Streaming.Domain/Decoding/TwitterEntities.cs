using System.Text.Json;

namespace Streaming.Domain;

/// <summary>
/// The text of a Twitter API v1.1 status and its <c>entities</c>: hashtags (<c>hashtags[].text</c>), mentioned handles
/// (<c>user_mentions[].screen_name</c>) and links (<c>urls[].expanded_url</c>, else <c>url</c>). A list the status
/// carries is used as given (entries that are not a hashtag or an http(s) link are skipped); a list it lacks is left
/// null, so the caller extracts it from the text.
/// </summary>
internal static class TwitterEntities
{
    /// <summary>
    /// The text and entities of <paramref name="status"/>: <c>extended_tweet.full_text</c> with <c>extended_tweet.entities</c>
    /// (streaming compatibility mode), else <c>full_text</c> (extended mode), else <c>text</c>, with <c>entities</c>.
    /// Twitter escapes <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> in text; they are unescaped.
    /// </summary>
    internal static DecodeFault? TryContent(JsonElement status, out string text, out string[]? hashtags, out string[]? mentions, out string[]? links)
    {
        (text, hashtags, mentions, links) = ("", null, null, null);
        var holder = status.TryGetProperty("extended_tweet", out var extended) && extended.ValueKind == JsonValueKind.Object
            && extended.TryGetProperty("full_text", out _) ? extended : status;
        var field = holder.TryGetProperty("full_text", out var body) ? "full_text" : holder.TryGetProperty("text", out body) ? "text" : null;
        if (field is null)
        {
            return new(RejectReason.MissingField, "text (or full_text) is required");
        }

        var fault = SocialPost.TryText(body, field, out text);
        text = text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);
        if (fault is not null || !holder.TryGetProperty("entities", out var entities) || entities.ValueKind == JsonValueKind.Null)
        {
            return fault;
        }

        if (entities.ValueKind != JsonValueKind.Object)
        {
            return new(RejectReason.WrongType, $"entities must be an object, not {entities.ValueKind}");
        }

        return TryList(entities, "hashtags", "text", null, out hashtags, SocialText.Hashtag)
            ?? TryList(entities, "user_mentions", "screen_name", null, out mentions, h => h.Length > 0 ? h : null)
            ?? TryList(entities, "urls", "expanded_url", "url", out links, u => SocialText.IsLink(u) ? u : null);
    }

    // entities.{list}[].{field} (or .{fallback} when that is null or absent), each passed through accept, nulls skipped.
    private static DecodeFault? TryList(
        JsonElement entities, string list, string field, string? fallback, out string[]? values, Func<string, string?> accept)
    {
        values = null;
        if (!entities.TryGetProperty(list, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var name = $"entities.{list}[].{field}";
        if (array.ValueKind != JsonValueKind.Array)
        {
            return new(RejectReason.WrongType, $"entities.{list} must be an array, not {array.ValueKind}");
        }

        var found = new List<string>();
        foreach (var entity in array.EnumerateArray())
        {
            if (entity.ValueKind != JsonValueKind.Object)
            {
                return new(RejectReason.WrongType, $"entities.{list} must hold objects, not {entity.ValueKind}");
            }

            if (!Value(entity, field, out var e) && (fallback is null || !Value(entity, fallback, out e)))
            {
                continue;
            }

            var fault = JsonFields.TryGetString(e, name, SocialText.MaxLinkLength, out var text);
            if (fault is not null)
            {
                return fault;
            }

            if (accept(text.Trim()) is { } value)
            {
                found.Add(value);
            }
        }

        values = [.. found];
        return null;
    }

    private static bool Value(JsonElement entity, string field, out JsonElement value) =>
        entity.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;
}
