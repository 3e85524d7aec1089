using System.Security.Cryptography;
using System.Text;

namespace Streaming.Domain;

/// <summary>
/// Keyed pseudonyms for social handles, so no handle is stored in clear: <c>user:</c> and 32 hex digits of
/// HMAC-SHA256, under the key of <see cref="IdentifierPolicy.Key"/>, of <c>user:</c> and the handle (without a
/// leading '@', normalised as <see cref="SocialText.Normalise"/> does, case-folded with
/// <see cref="string.ToLowerInvariant"/>, UTF-8). Handles differing only in case share a pseudonym, as they do on
/// Twitter; the same handle always gives the same pseudonym under one key and an unrelated one under another.
/// The <c>user:</c> in the hashed text keeps a handle's pseudonym apart from an NHS number's under the same key.
/// </summary>
public static class Pseudonym
{
    /// <summary>What every handle pseudonym starts with.</summary>
    public const string Prefix = "user:";

    /// <summary>The pseudonym of <paramref name="handle"/> under <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty: refuse the post instead (no key is configured).</exception>
    public static string OfHandle(string handle, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (key.IsEmpty)
        {
            throw new ArgumentException("A pseudonymisation key is required.", nameof(key));
        }

        var text = SocialText.Normalise(handle, int.MaxValue);
        text = text.StartsWith('@') ? text[1..] : text;
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Prefix + text.ToLowerInvariant()), hash);
        return Prefix + Convert.ToHexStringLower(hash[..16]);
    }
}
