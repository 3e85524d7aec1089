using System.Buffers;
using System.Globalization;
using System.Text;

namespace Streaming.Domain;

/// <summary>
/// One hashtag, mention or link found in normalised text: where it is and its value (the hashtag without '#',
/// case-folded; the handle without '@', as written; the link without trailing punctuation).
/// </summary>
internal readonly record struct SocialToken(SocialToken.Kinds Kind, int Start, int Length, string Value)
{
    /// <summary>What a token is.</summary>
    internal enum Kinds
    {
        Hashtag,
        Mention,
        Link,
    }

    /// <summary>
    /// Every token in <paramref name="text"/>, in order. Links are found first and nothing inside a link counts
    /// as a hashtag or mention (<c>https://example.org/#top</c> is one link).
    /// </summary>
    internal static IEnumerable<SocialToken> Scan(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var token = text[i] switch
            {
                'h' or 'H' => Link(text, i),
                '#' => Hashtag(text, i),
                '@' => Mention(text, i),
                _ => null,
            };
            if (token is { } found)
            {
                yield return found;
                i += found.Length;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Letters, marks and decimal digits of any script, and '_': what a hashtag is made of.</summary>
    internal static bool IsHashtagRune(Rune r) => r.Value == '_' || Rune.GetUnicodeCategory(r) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber;

    /// <summary>The hashtag starting at <paramref name="at"/> (a '#'), case-folded without the '#', or null when none.</summary>
    internal static SocialToken? Hashtag(string text, int at)
    {
        if (FollowsWord(text, at))
        {
            return null;
        }

        var end = at + 1;
        var hasLetter = false;
        while (end < text.Length && Rune.DecodeFromUtf16(text.AsSpan(end), out var r, out var used) == OperationStatus.Done
            && IsHashtagRune(r) && (end > at + 1 || !IsMark(r)))
        {
            hasLetter |= Rune.IsLetter(r);
            end += used;
        }

        // "#1" is a number and "#️⃣" an emoji keycap, not topics; an overlong run is not a hashtag Twitter would make either.
        var length = end - at - 1;
        return !hasLetter || length > SocialText.MaxHashtagLength
            ? null
            : new(Kinds.Hashtag, at, end - at, text.Substring(at + 1, length).ToLowerInvariant().Normalize(NormalizationForm.FormC));
    }

    // '@' then 1 to 15 of [A-Za-z0-9_], not after a letter or digit (so name@example.org is not one) and not
    // running on into more handle characters (a longer run is not a Twitter handle).
    private static SocialToken? Mention(string text, int at)
    {
        if (FollowsWord(text, at))
        {
            return null;
        }

        var end = at + 1;
        while (end < text.Length && IsHandleChar(text[end]))
        {
            end++;
        }

        var length = end - at - 1;
        var runsOn = end < text.Length && Rune.TryGetRuneAt(text, end, out var next) && IsHashtagRune(next);
        return length is 0 or > SocialText.MaxHandleLength || runsOn ? null : new(Kinds.Mention, at, end - at, text.Substring(at + 1, length));
    }

    private static SocialToken? Link(string text, int at)
    {
        var rest = text.AsSpan(at);
        var scheme = rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
            : rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7 : 0;
        if (scheme == 0 || FollowsWord(text, at))
        {
            return null;
        }

        var end = at + scheme;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('<' or '>' or '"'))
        {
            end++;
        }

        end = TrimTrailing(text, at, end);
        var url = text[at..end];
        return end - at > scheme && url.Length <= SocialText.MaxLinkLength && SocialText.IsLink(url) ? new(Kinds.Link, at, end - at, url) : null;
    }

    // Sentence punctuation after a link is not part of it; a closing bracket is, when the link opened it (Wikipedia's "Foo_(bar)").
    private static int TrimTrailing(string text, int start, int end)
    {
        while (end > start)
        {
            var c = text[end - 1];
            var trim = c is '.' or ',' or ';' or ':' or '!' or '?' or '\''
                || (c == ')' && Count(text, start, end, '(') < Count(text, start, end, ')'))
                || (c == ']' && Count(text, start, end, '[') < Count(text, start, end, ']'));
            if (!trim)
            {
                break;
            }

            end--;
        }

        return end;
    }

    private static int Count(string text, int start, int end, char c) => text.AsSpan(start, end - start).Count(c);

    private static bool IsMark(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool IsHandleChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    // A token cannot start inside a word: the rune before it must not be a letter, digit, mark or '_'.
    private static bool FollowsWord(string text, int at) =>
        at > 0 && Rune.DecodeLastFromUtf16(text.AsSpan(0, at), out var before, out _) == OperationStatus.Done
        && IsHashtagRune(before);
}
