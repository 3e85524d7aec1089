using System.Buffers;
using System.Globalization;
using System.Text;

namespace Streaming.Domain;

/// <summary>
/// Language-neutral handling of post text. <see cref="Normalise"/> makes text safe and comparable; the extractors
/// find, in order of first appearance and each once (at most <see cref="MaxTerms"/>): hashtags (<c>#</c> then letters,
/// marks, decimal digits or <c>_</c> of any script, at least one letter, not straight after a letter or digit;
/// case-folded with <see cref="string.ToLowerInvariant"/>), mentions (<c>@</c> then 1 to 15 of <c>[A-Za-z0-9_]</c>,
/// Twitter's handles, not straight after a letter or digit, so <c>name@example.org</c> is not one) and links
/// (<c>http</c>/<c>https</c> URLs, without trailing <c>.,;:!?'</c> or an unopened <c>)</c> or <c>]</c>). Nothing inside
/// a link counts as a hashtag or mention. Extractors expect normalised text.
/// </summary>
public static class SocialText
{
    /// <summary>Longest normalised text kept, in UTF-16 characters, before mentions are replaced. Longer text is cut at a character boundary.</summary>
    public const int MaxLength = 2000;

    /// <summary>Most hashtags, mentions or links kept for one post (each list separately): the first ones.</summary>
    public const int MaxTerms = 64;

    /// <summary>Longest Twitter handle.</summary>
    public const int MaxHandleLength = 15;

    /// <summary>Longest hashtag, in characters after the '#'; a longer run is not taken as one.</summary>
    public const int MaxHashtagLength = 100;

    /// <summary>Longest link kept.</summary>
    public const int MaxLinkLength = 2048;

    /// <summary>
    /// Removes control characters (C0, C1, bidirectional overrides and isolates, noncharacters; a broken surrogate
    /// becomes U+FFFD), collapses each run of white space to one space, trims, puts the text in Unicode NFC and cuts it
    /// to at most <paramref name="maxLength"/> characters without splitting a user-perceived character.
    /// </summary>
    public static string Normalise(string text, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        var kept = new StringBuilder(text.Length);
        var space = false;
        for (var i = 0; i < text.Length;)
        {
            var valid = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) == OperationStatus.Done;
            var at = i;
            i += Math.Max(used, 1);
            if (Rune.IsWhiteSpace(rune))
            {
                space = kept.Length > 0;
            }
            else if (!valid || !IsControl(rune))
            {
                kept.Append(space ? " " : "");
                if (valid)
                {
                    kept.Append(text, at, used);
                }
                else
                {
                    kept.Append('\uFFFD'); // half a surrogate pair: NFC would throw on it
                }

                space = false;
            }
        }

        return Cut(kept.ToString().Normalize(NormalizationForm.FormC), maxLength);
    }

    /// <summary>The hashtags in <paramref name="text"/>, without '#', case-folded.</summary>
    public static IReadOnlyList<string> Hashtags(string text) => Values(text, SocialToken.Kinds.Hashtag, StringComparer.Ordinal);

    /// <summary>The handles mentioned in <paramref name="text"/>, without '@', as first written (compared ignoring case).</summary>
    public static IReadOnlyList<string> Mentions(string text) => Values(text, SocialToken.Kinds.Mention, StringComparer.OrdinalIgnoreCase);

    /// <summary>The http and https links in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Links(string text) => Values(text, SocialToken.Kinds.Link, StringComparer.Ordinal);

    /// <summary>The text with every mention <c>@handle</c> replaced by <c>@</c> and <paramref name="pseudonym"/> of the handle.</summary>
    public static string ReplaceMentions(string text, Func<string, string> pseudonym)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pseudonym);
        var result = new StringBuilder(text.Length);
        var copied = 0;
        foreach (var token in SocialToken.Scan(text).Where(t => t.Kind == SocialToken.Kinds.Mention))
        {
            result.Append(text, copied, token.Start - copied).Append('@').Append(pseudonym(token.Value));
            copied = token.Start + token.Length;
        }

        return result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>A hashtag given on its own (Twitter's <c>entities.hashtags[].text</c>), case-folded; null unless it is exactly one hashtag.</summary>
    public static string? Hashtag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var text = "#" + Normalise(tag, MaxHashtagLength + 1);
        return SocialToken.Hashtag(text, 0) is { } token && token.Length == text.Length ? token.Value : null;
    }

    /// <summary>Whether <paramref name="url"/> is an absolute http or https URL with a host.</summary>
    public static bool IsLink(string url) =>
        url.Length <= MaxLinkLength && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    private static string[] Values(string text, SocialToken.Kinds kind, StringComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seen = new HashSet<string>(comparer);
        return [.. SocialToken.Scan(text).Where(t => t.Kind == kind).Select(t => t.Value).Where(seen.Add).Take(MaxTerms)];
    }

    // C0 and C1 controls, bidirectional embeddings, overrides and isolates (they can make text read other than it is
    // stored), and noncharacters. Other format characters stay: joiners are needed by emoji and several scripts.
    private static bool IsControl(Rune r) =>
        Rune.IsControl(r) || r.Value is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or (>= 0xFDD0 and <= 0xFDEF)
        || (r.Value & 0xFFFE) == 0xFFFE;

    private static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var end = 0;
        while (end < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text, end);
            if (end + next > maxLength)
            {
                break;
            }

            end += next;
        }

        return text[..end].TrimEnd();
    }
}
