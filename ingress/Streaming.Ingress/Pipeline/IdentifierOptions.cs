using System.ComponentModel;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>Pseudonymisation of personal identifiers at ingress, bound from <c>Identifiers</c>.</summary>
public sealed class IdentifierOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Identifiers";

    /// <summary>
    /// The HMAC key, base64 (at least 16 bytes): a secret from the environment or a secret store, never the repository.
    /// Without it, records holding NHS numbers are refused rather than stored in clear.
    /// </summary>
    [PasswordPropertyText]
    public string? Key { get; set; }

    /// <summary>Record fields that hold NHS numbers. Default <c>nhsNumber</c>, <c>nhs_number</c>.</summary>
    public string[] NhsNumberFields { get; set; } = [];

    /// <summary>The policy the decoders apply.</summary>
    public IdentifierPolicy ToPolicy() => new(
        string.IsNullOrEmpty(Key) ? null : Convert.FromBase64String(Key),
        NhsNumberFields.Length > 0 ? NhsNumberFields : IdentifierPolicy.DefaultFields);
}
