using System.Collections.Frozen;
using System.Text;

namespace Streaming.Domain;

/// <summary>
/// Puts addresses and search text into one comparable form: upper case, punctuation gone, common
/// abbreviations spelled out (RD → ROAD, AVE → AVENUE), flat and unit forms unified (FLAT 2, 2A and
/// APARTMENT 2 all become FLAT 2…), and the postcode recognised and normalised.
/// </summary>
public static class AddressNormaliser
{
    private static readonly FrozenDictionary<string, string> s_abbreviations = new Dictionary<string, string>
    {
        ["RD"] = "ROAD", ["ST"] = "STREET", ["AVE"] = "AVENUE", ["AV"] = "AVENUE", ["LN"] = "LANE", ["DR"] = "DRIVE",
        ["CL"] = "CLOSE", ["CT"] = "COURT", ["CRES"] = "CRESCENT", ["GDNS"] = "GARDENS", ["GRN"] = "GREEN", ["GR"] = "GROVE",
        ["PL"] = "PLACE", ["SQ"] = "SQUARE", ["TER"] = "TERRACE", ["TERR"] = "TERRACE", ["PDE"] = "PARADE", ["HSE"] = "HOUSE",
        ["CTR"] = "CENTRE", ["CNTR"] = "CENTRE", ["CENTER"] = "CENTRE", ["MED"] = "MEDICAL", ["HLTH"] = "HEALTH",
        ["SURG"] = "SURGERY", ["PK"] = "PARK", ["WY"] = "WAY", ["N"] = "NORTH", ["S"] = "SOUTH", ["E"] = "EAST", ["W"] = "WEST",
        ["APT"] = "FLAT", ["APARTMENT"] = "FLAT", ["FLT"] = "FLAT", ["UNIT"] = "FLAT",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The normalised tokens of <paramref name="text"/>, postcodes excluded (see <see cref="Postcode.FindAll"/>).</summary>
    public static string[] Tokens(string text)
    {
        var upper = Postcode.Remove(text);
        var clean = new StringBuilder(upper.Length);
        foreach (var c in upper)
        {
            // Apostrophes join (ST JOHN'S -> JOHNS); other punctuation separates.
            if (c is not ('\'' or '’'))
            {
                clean.Append(char.IsLetterOrDigit(c) ? c : ' ');
            }
        }
        var words = clean.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. words.Select((word, i) => Expand(word, i == 0))];
    }

    /// <summary>The normalised address as one line: tokens joined by spaces, then the postcode if there is one.</summary>
    public static string Normalise(string text)
    {
        var line = string.Join(' ', Tokens(text));
        return Postcode.FindAll(text).LastOrDefault() is { Value: not null } postcode ? $"{line} {postcode}".Trim() : line;
    }

    // ST opening an address or name is SAINT (ST JAMES MEDICAL CENTRE); elsewhere STREET (CHURCH ST).
    private static string Expand(string word, bool first) =>
        word == "ST" && first ? "SAINT" : s_abbreviations.TryGetValue(word, out var full) ? full : word;
}
