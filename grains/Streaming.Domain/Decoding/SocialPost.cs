using System.Text.Json;

namespace Streaming.Domain;

/// <summary>
/// What both social shapes share once their fields are read: the key check, the place checks, and the payload built
/// from normalised text with every handle pseudonymised.
/// </summary>
internal static class SocialPost
{
    /// <summary>Longest text read from a body, in characters, before it is normalised (and cut to <see cref="SocialText.MaxLength"/>).</summary>
    internal const int MaxRawTextLength = 4 * SocialText.MaxLength;

    /// <summary>Longest place name kept.</summary>
    internal const int MaxPlaceLength = 256;

    /// <summary>The pseudonymisation key, or the fault that refuses the post: a handle is never stored in clear.</summary>
    internal static DecodeFault? TryKey(DecodeContext ctx, out byte[] key)
    {
        key = ctx.Identifiers.Key ?? [];
        return key.Length > 0
            ? null
            : new(RejectReason.InvalidIdentifier, "a post names its author but no pseudonymisation key is configured, so it cannot be stored");
    }

    /// <summary>The text read from <paramref name="e"/>, normalised; empty text is missing.</summary>
    internal static DecodeFault? TryText(JsonElement e, string field, out string text)
    {
        text = "";
        var fault = JsonFields.TryGetString(e, field, MaxRawTextLength, out var raw);
        if (fault is not null)
        {
            return fault;
        }

        text = SocialText.Normalise(raw);
        return text.Length == 0 ? new(RejectReason.MissingField, field + " is empty") : null;
    }

    /// <summary>An optional place name, normalised; a null is none.</summary>
    internal static DecodeFault? TryPlace(JsonElement e, string field, out string? place)
    {
        place = null;
        if (!JsonFields.Has(e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var fault = JsonFields.TryGetString(e, field, MaxPlaceLength, out var raw);
        place = fault is null && SocialText.Normalise(raw, MaxPlaceLength) is { Length: > 0 } name ? name : null;
        return fault;
    }

    /// <summary>A point from two JSON values, each a finite number in range.</summary>
    internal static DecodeFault? TryPoint(JsonElement lat, JsonElement lon, string what, out GeoPoint point)
    {
        point = default;
        if (lat.ValueKind != JsonValueKind.Number || lon.ValueKind != JsonValueKind.Number
            || !lat.TryGetDouble(out var latitude) || !lon.TryGetDouble(out var longitude))
        {
            return new(RejectReason.WrongType, what + " must be numbers");
        }

        if (!(latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180))
        {
            return new(RejectReason.OutOfRange, what + " must be finite, latitude within ±90 and longitude within ±180 degrees");
        }

        point = new GeoPoint(latitude, longitude);
        return null;
    }

    /// <summary>
    /// The payload: mentions in the text replaced by pseudonyms; hashtags, mentions and links from the lists given
    /// (a sender's own entities) or else from the text; the postcode given or else the first in the text.
    /// </summary>
    internal static SocialPayload Build(
        string text, string author, byte[] key, IEnumerable<string>? hashtags, IEnumerable<string>? mentions, IEnumerable<string>? links)
    {
        var stored = SocialText.ReplaceMentions(text, handle => Pseudonym.OfHandle(handle, key));
        var pseudonyms = (mentions ?? SocialText.Mentions(text)).Select(handle => Pseudonym.OfHandle(handle, key));
        return new SocialPayload(
            stored,
            Pseudonym.OfHandle(author, key),
            Distinct(hashtags ?? SocialText.Hashtags(text)),
            Distinct(pseudonyms),
            Distinct(links ?? SocialText.Links(text)));
    }

    /// <summary>The first postcode in the stored text (handles are already pseudonyms, so none can pass for one).</summary>
    internal static Postcode? FindPostcode(string stored)
    {
        foreach (var postcode in Postcode.FindAll(stored))
        {
            return postcode;
        }

        return null;
    }

    // In order of first appearance (which Enumerable.Distinct does not promise).
    private static string[] Distinct(IEnumerable<string> values)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. values.Where(seen.Add).Take(SocialText.MaxTerms)];
    }
}
