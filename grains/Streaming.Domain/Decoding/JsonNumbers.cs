using System.Text.Json;

namespace Streaming.Domain;

/// <summary>Typed reads of JSON numbers. Each returns a fault instead of throwing.</summary>
internal static class JsonNumbers
{
    /// <summary>
    /// A JSON number. Numbers beyond double's range read as infinity and are kept: the cleaner
    /// rejects them as <see cref="RejectReason.NotANumber"/>, where the rejection is counted.
    /// </summary>
    internal static DecodeFault? TryGetNumber(JsonElement e, string field, out double value)
    {
        value = 0;
        if (e.ValueKind != JsonValueKind.Number)
        {
            return new(RejectReason.WrongType, $"{field} must be a number, not {e.ValueKind}");
        }

        return e.TryGetDouble(out value) ? null : new(RejectReason.Malformed, $"{field} is not a readable number");
    }

    /// <summary>A JSON integer that fits in 64 bits.</summary>
    internal static DecodeFault? TryGetInteger(JsonElement e, string field, out long value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value)
            ? null
            : new(RejectReason.WrongType, $"{field} must be a whole number that fits in 64 bits");
    }
}
