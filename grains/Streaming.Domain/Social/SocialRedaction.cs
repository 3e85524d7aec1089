using System.Text.Json;
using System.Text.RegularExpressions;

namespace Streaming.Domain;

/// <summary>
/// Removes handles from a refused post before it is kept as a dead letter, at any depth: the author (<c>author</c>,
/// Twitter's <c>user</c> and <c>screen_name</c>, <c>name</c>, reply-to names) becomes <c>[redacted]</c>, mention entities
/// are dropped, and every <c>@handle</c> in text becomes <c>@[redacted]</c>. What a post says is kept, so the reason
/// can be understood; who said it is not. A corrected post must be resent by its sender, with its author.
/// </summary>
public static partial class SocialRedaction
{
    private static readonly HashSet<string> HandleFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "author", "user", "screen_name", "name", "in_reply_to_screen_name", "in_reply_to_user_id", "in_reply_to_user_id_str", "user_mentions",
    };

    /// <summary>The redacted JSON; bytes that are not JSON are replaced whole, since they cannot be inspected.</summary>
    public static byte[] Redact(ReadOnlySpan<byte> json) =>
        JsonRedaction.Rewrite(json, HandleFields.Contains, e =>
            e.ValueKind == JsonValueKind.String ? Handle().Replace(e.GetString()!, "@" + JsonRedaction.Redacted) : null);

    // Any @word, whatever the script: broader than a handle on purpose, so nothing that might be one survives.
    [GeneratedRegex(@"@[\p{L}\p{Nd}_]+", RegexOptions.CultureInvariant)]
    private static partial Regex Handle();
}
