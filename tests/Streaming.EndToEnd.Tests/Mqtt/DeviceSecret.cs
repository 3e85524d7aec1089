using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// Hashes a device secret in the documented format, <c>pbkdf2-sha256$iterations$salt$hash</c>, independently of the
/// product's own helper, so the tests also hold the format to its documentation.
/// </summary>
internal static class DeviceSecret
{
    public static string Hash(string secret, int iterations = 10_000)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }
}
