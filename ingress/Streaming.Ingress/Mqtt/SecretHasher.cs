using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Streaming.Ingress;

/// <summary>
/// Device secrets are stored hashed, as <c>pbkdf2-sha256$iterations$salt$hash</c> (salt and hash in standard base64;
/// PBKDF2-HMAC-SHA256, 16-byte salt, 32-byte hash). Produce one with <see cref="Hash"/>, or with Python:
/// <c>hashlib.pbkdf2_hmac("sha256", secret, salt, iterations)</c>.
/// </summary>
public static class SecretHasher
{
    /// <summary>The format's prefix.</summary>
    public const string Scheme = "pbkdf2-sha256";

    /// <summary>Iterations used by <see cref="Hash"/> when none are given.</summary>
    public const int DefaultIterations = 100_000;

    // Bounds on what a configured hash may ask for, so a bad setting cannot make each connect cost minutes.
    private const int MinIterations = 1_000, MaxIterations = 5_000_000;
    private const int SaltBytes = 16, HashBytes = 32;

    /// <summary>Hashes <paramref name="secret"/> with a fresh random salt.</summary>
    public static string Hash(string secret, int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Whether <paramref name="encoded"/> is a hash in this format (checked at start-up).</summary>
    public static bool IsValid(string encoded) => TryParse(encoded, out _, out _, out _);

    /// <summary>Whether <paramref name="secret"/> matches <paramref name="encoded"/>, compared in constant time.</summary>
    public static bool Verify(ReadOnlySpan<byte> secret, string encoded)
    {
        if (!TryParse(encoded, out var iterations, out var salt, out var expected))
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryParse(string encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations is < MinIterations or > MaxIterations)
        {
            return false;
        }
        salt = new byte[parts[2].Length];
        hash = new byte[parts[3].Length];
        if (!Convert.TryFromBase64String(parts[2], salt, out var saltLength) || !Convert.TryFromBase64String(parts[3], hash, out var hashLength)
            || saltLength < 8 || hashLength < 16)
        {
            return false;
        }
        salt = salt[..saltLength];
        hash = hash[..hashLength];
        return true;
    }
}
