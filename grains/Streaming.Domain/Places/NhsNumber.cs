using System.Security.Cryptography;
using System.Text;

namespace Streaming.Domain;

/// <summary>
/// NHS numbers: validated by their modulus 11 check digit and never kept in clear. A keyed hash (HMAC-SHA256
/// with a secret from configuration) turns each into a stable pseudonym, so the same person seen by two
/// systems links through the same pseudonym while the number itself is not stored anywhere.
/// </summary>
public static class NhsNumber
{
    /// <summary>Whether <paramref name="text"/> is ten digits (spaces or dashes allowed) with a valid check digit.</summary>
    public static bool IsValid(string? text) => Normalise(text) is not null;

    /// <summary>The ten digits without separators, or null when not a valid NHS number.</summary>
    public static string? Normalise(string? text)
    {
        if (text is null || text.Length > 16)
        {
            return null;
        }
        var digits = new string([.. text.Where(c => c is not (' ' or '-'))]);
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }
        var check = 11 - (sum % 11);
        check = check == 11 ? 0 : check;
        return check != 10 && check == digits[9] - '0' ? digits : null;
    }

    /// <summary>The pseudonym of a valid NHS number under <paramref name="key"/>: <c>nhs:</c> and 32 hex digits.</summary>
    public static string Pseudonymise(string normalised, ReadOnlySpan<byte> key)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(normalised), hash);
        return "nhs:" + Convert.ToHexStringLower(hash[..16]);
    }
}
