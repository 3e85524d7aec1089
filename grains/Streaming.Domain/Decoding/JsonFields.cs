using System.Runtime.InteropServices;
using System.Text.Json;
using static System.FormattableString;

namespace Streaming.Domain;

/// <summary>Typed, bounded reads of JSON fields. Each returns a fault instead of throwing.</summary>
internal static class JsonFields
{
    /// <summary>True when the field was in the object.</summary>
    internal static bool Has(JsonElement e) => e.ValueKind != JsonValueKind.Undefined;

    /// <summary>
    /// Puts the value of each field in <paramref name="names"/> at the same index of <paramref name="values"/>
    /// (absent fields stay <see cref="JsonValueKind.Undefined"/>). Other fields are left alone. A known field
    /// given twice is refused: parsers disagree on which copy wins.
    /// </summary>
    internal static DecodeFault? Collect(JsonElement obj, string[] names, JsonElement[] values)
    {
        foreach (var property in obj.EnumerateObject())
        {
            var i = IndexOf(property, names);
            if (i < 0)
            {
                continue;
            }

            if (Has(values[i]))
            {
                return new(RejectReason.Malformed, $"field '{names[i]}' appears twice");
            }

            values[i] = property.Value;
        }

        return null;
    }

    /// <summary>The index of the property's name in <paramref name="names"/>, or -1.</summary>
    internal static int IndexOf(JsonProperty property, string[] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (property.NameEquals(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A string identifier, trimmed, not empty, at most <paramref name="maxLength"/> characters.</summary>
    internal static DecodeFault? TryGetIdentifier(JsonElement e, string field, int maxLength, out string text)
    {
        var fault = TryReadBounded(e, field, maxLength, out text);
        return fault ?? Checked(field, maxLength, ref text);
    }

    /// <summary>A property name used as an identifier (a metric), trimmed, not empty, bounded.</summary>
    internal static DecodeFault? TryGetName(JsonProperty property, string field, int maxLength, out string text)
    {
        text = "";
        if (MayExceed(JsonMarshal.GetRawUtf8PropertyName(property).Length, maxLength))
        {
            return TooLong(field, maxLength);
        }

        text = property.Name;
        return Checked(field, maxLength, ref text);
    }

    /// <summary>A string exactly as sent (may be empty), at most <paramref name="maxLength"/> characters.</summary>
    internal static DecodeFault? TryGetString(JsonElement e, string field, int maxLength, out string text)
    {
        var fault = TryReadBounded(e, field, maxLength, out text);
        return fault ?? (text.Length > maxLength ? TooLong(field, maxLength) : null);
    }

    // Builds the string only after a cheap bound on its raw length; callers check the exact (trimmed) length.
    private static DecodeFault? TryReadBounded(JsonElement e, string field, int maxLength, out string text)
    {
        text = "";
        if (e.ValueKind != JsonValueKind.String)
        {
            return new(RejectReason.WrongType, $"{field} must be a string, not {e.ValueKind}");
        }

        // The raw value includes its two quotes.
        if (MayExceed(JsonMarshal.GetRawUtf8Value(e).Length - 2, maxLength))
        {
            return TooLong(field, maxLength);
        }

        text = e.GetString() ?? "";
        return null;
    }

    // Unescaped text takes at least one byte per char and an escape at most six (\uXXXX), so the raw
    // length bounds the string before it is built: over six bytes per allowed char is too long (or padded
    // with so much whitespace that refusing it is fine).
    private static bool MayExceed(int rawBytes, int maxLength) => rawBytes > 6L * maxLength;

    private static DecodeFault? Checked(string field, int maxLength, ref string text)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return new(RejectReason.MissingField, $"{field} is empty");
        }

        return text.Length > maxLength ? TooLong(field, maxLength) : null;
    }

    private static DecodeFault TooLong(string field, int maxLength) =>
        new(RejectReason.TooLarge, Invariant($"{field} is longer than {maxLength} characters"));
}
