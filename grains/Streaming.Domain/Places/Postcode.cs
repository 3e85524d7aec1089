using System.Text.RegularExpressions;

namespace Streaming.Domain;

/// <summary>
/// A UK postcode, validated against the Royal Mail format rules and held in its normal form: upper case,
/// one space before the three-character inward code (<c>TA1 1NW</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("streaming.postcode.v1")]
public readonly partial record struct Postcode([property: Id(0)] string Value)
{
    /// <summary>The outward code (area and district), e.g. <c>TA1</c>.</summary>
    public string Outward => Value[..^4];

    /// <summary>Without the space, e.g. <c>TA11NW</c>.</summary>
    public string Compact => Value.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>Reads a postcode in any spacing and case; false when it breaks the format rules.</summary>
    public static bool TryParse(string? text, out Postcode postcode)
    {
        postcode = default;
        if (text is null || text.Length > 16)
        {
            return false;
        }
        var compact = text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length is < 5 or > 7 || !Format().IsMatch(compact))
        {
            return false;
        }
        postcode = new Postcode($"{compact[..^3]} {compact[^3..]}");
        return true;
    }

    /// <summary>Every valid postcode in a piece of free text, in order of appearance, e.g. the last line of an address.</summary>
    public static IEnumerable<Postcode> FindAll(string text)
    {
        foreach (Match match in InText().Matches(text.ToUpperInvariant()))
        {
            if (TryParse(match.Value, out var postcode))
            {
                yield return postcode;
            }
        }
    }

    /// <summary>The text with every valid postcode in it replaced by a space.</summary>
    public static string Remove(string text) =>
        InText().Replace(text.ToUpperInvariant(), m => TryParse(m.Value, out _) ? " " : m.Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    // Outward: A9, A99, AA9, AA99, A9A, AA9A with the letter restrictions of each position (no Q/V/X first,
    // no I/J/Z second, limited letters in the third and fourth); inward: a digit then two letters, never C I K M O V.
    private const string OutwardPattern = "(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRV-Y])";
    private const string InwardPattern = "[0-9][ABD-HJLNP-UW-Z]{2}";

    [GeneratedRegex("^" + OutwardPattern + InwardPattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Format();

    [GeneratedRegex(@"\b" + OutwardPattern + @"\s?" + InwardPattern + @"\b", RegexOptions.CultureInvariant)]
    private static partial Regex InText();
}
