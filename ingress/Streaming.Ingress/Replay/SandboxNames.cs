using System.Text.RegularExpressions;

namespace Streaming.Ingress;

/// <summary>Sandbox names: they become part of grain keys and of a Kafka topic name, so they are kept plain.</summary>
public static partial class SandboxNames
{
    /// <summary>What a valid name looks like, for messages.</summary>
    public const string Rule = "1 to 64 characters: lower-case letters, digits, '-' and '_', starting with a letter or digit";

    /// <summary>Whether <paramref name="name"/> is a valid sandbox name.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
