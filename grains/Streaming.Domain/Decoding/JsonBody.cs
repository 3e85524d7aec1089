using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace Streaming.Domain;

/// <summary>
/// The one place untrusted bytes become a <see cref="JsonDocument"/>: size first, then UTF-8, then syntax
/// and depth, then surrogate escapes. After this, reading any string in the document cannot throw.
/// </summary>
internal static class JsonBody
{
    /// <summary>An array of objects holding one nested object, plus one level so a stray nested value
    /// inside a reading is rejected with its item rather than failing the whole body.</summary>
    internal const int MaxDepth = 4;

    /// <summary>Parses <paramref name="body"/> no deeper than <paramref name="maxDepth"/>, or says why the body as a whole is refused.</summary>
    internal static bool TryParse(
        ReadOnlySpan<byte> body,
        DecodeLimits limits,
        [NotNullWhen(true)] out JsonDocument? document,
        [NotNullWhen(false)] out DecodeResult? failure,
        int maxDepth = MaxDepth)
    {
        document = null;
        failure = Check(body, limits);
        if (failure is not null)
        {
            return false;
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            document = JsonDocument.ParseValue(ref reader);
            // Reading past the value throws on trailing content ("{} x"); whitespace is fine.
            _ = reader.Read();
        }
        catch (JsonException e)
        {
            document?.Dispose();
            document = null;
            failure = DecodeResult.Failed(RejectReason.Malformed, "not valid JSON: " + e.Message);
            return false;
        }

        if (HasLoneSurrogate(body))
        {
            document.Dispose();
            document = null;
            failure = DecodeResult.Failed(RejectReason.Malformed, "a string escapes half of a UTF-16 surrogate pair");
            return false;
        }

        return true;
    }

    private static DecodeResult? Check(ReadOnlySpan<byte> body, DecodeLimits limits)
    {
        if (body.Length > limits.MaxBodyBytes)
        {
            return DecodeResult.Failed(
                RejectReason.TooLarge,
                FormattableString.Invariant($"body is {body.Length} bytes; the limit is {limits.MaxBodyBytes}"));
        }

        // The reader does not validate UTF-8 inside strings; reading such a string later would throw.
        return Utf8.IsValid(body) ? null : DecodeResult.Failed(RejectReason.Malformed, "body is not valid UTF-8");
    }

    /// <summary>
    /// True when an escape names half a surrogate pair (<c>"\ud800"</c>). The reader lets that through,
    /// but building the string (or even comparing a property name) would throw.
    /// Only called on a body that parsed, so every backslash starts a well-formed escape inside a string.
    /// </summary>
    internal static bool HasLoneSurrogate(ReadOnlySpan<byte> json)
    {
        var expectLow = false;
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] != (byte)'\\' || i + 1 >= json.Length || json[i + 1] != (byte)'u')
            {
                if (expectLow)
                {
                    return true;
                }

                i += json[i] == (byte)'\\' ? 1 : 0;
                continue;
            }

            if (i + 6 > json.Length
                || !int.TryParse(json.Slice(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit))
            {
                return true;
            }

            var isLow = unit is >= 0xDC00 and <= 0xDFFF;
            if (expectLow != isLow)
            {
                return true;
            }

            expectLow = unit is >= 0xD800 and <= 0xDBFF;
            i += 5;
        }

        return expectLow;
    }
}
