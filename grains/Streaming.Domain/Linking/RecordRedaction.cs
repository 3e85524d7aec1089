namespace Streaming.Domain;

/// <summary>
/// Removes personal identifiers from a refused record before it is kept as a dead letter: every property whose
/// name the <see cref="IdentifierPolicy"/> marks, and every value that passes the NHS number check, at any depth,
/// becomes <c>[redacted]</c>.
/// </summary>
public static class RecordRedaction
{
    /// <summary>The redacted JSON; bytes that are not JSON are replaced whole, since they cannot be inspected.</summary>
    public static byte[] Redact(ReadOnlySpan<byte> json, IdentifierPolicy policy) =>
        // Whatever the field is called: a value that passes the NHS number check is treated as one.
        JsonRedaction.Rewrite(json, policy.IsNhsNumber, e =>
            NhsNumber.IsValid(e.ValueKind == System.Text.Json.JsonValueKind.String ? e.GetString() : e.GetRawText()) ? JsonRedaction.Redacted : null);
}
