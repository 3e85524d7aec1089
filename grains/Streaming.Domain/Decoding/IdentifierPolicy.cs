namespace Streaming.Domain;

/// <summary>
/// Which record fields hold NHS numbers, and the key that pseudonymises them. Decoding replaces each valid
/// number with <see cref="NhsNumber.Pseudonymise"/> and refuses the record when a number is invalid, or when
/// there is no key: a number is never let through in clear.
/// </summary>
/// <param name="Key">The HMAC key (from configuration, never the repository); null or empty means none is configured.</param>
/// <param name="NhsNumberFields">Field names holding NHS numbers (compared case-insensitively).</param>
public sealed record IdentifierPolicy(byte[]? Key, IReadOnlyCollection<string> NhsNumberFields)
{
    /// <summary>The default field names: <c>nhsNumber</c> and <c>nhs_number</c>.</summary>
    public static readonly string[] DefaultFields = ["nhsNumber", "nhs_number"];

    /// <summary>Whether <paramref name="field"/> holds an NHS number.</summary>
    public bool IsNhsNumber(string field) => NhsNumberFields.Contains(field, StringComparer.OrdinalIgnoreCase);
}
