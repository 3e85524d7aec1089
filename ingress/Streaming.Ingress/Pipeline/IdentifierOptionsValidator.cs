using Microsoft.Extensions.Options;

namespace Streaming.Ingress;

/// <summary>Checks the pseudonymisation key's form without ever echoing it.</summary>
internal sealed class IdentifierOptionsValidator : IValidateOptions<IdentifierOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentifierOptions options)
    {
        if (string.IsNullOrEmpty(options.Key))
        {
            return ValidateOptionsResult.Success;
        }
        var bytes = new byte[options.Key.Length];
        return Convert.TryFromBase64String(options.Key, bytes, out var length) && length >= 16
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{IdentifierOptions.Section}:{nameof(IdentifierOptions.Key)} must be base64 of at least 16 bytes.");
    }
}
