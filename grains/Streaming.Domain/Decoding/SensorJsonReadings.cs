using System.Text.Json;
using static System.FormattableString;

namespace Streaming.Domain;

/// <summary>
/// The readings of one sensor JSON item: a <c>readings</c> object of metric to number with an optional
/// <c>unit</c> object, or the shorthand <c>metric</c> + <c>value</c> (+ <c>unit</c> string).
/// </summary>
internal static class SensorJsonReadings
{
    /// <summary>Reads the readings in body order. Metric names are trimmed.</summary>
    internal static DecodeFault? TryRead(
        JsonElement readings, JsonElement unit, JsonElement metric, JsonElement value, DecodeContext ctx, out Reading[] result)
    {
        result = [];
        if (JsonFields.Has(readings) && (JsonFields.Has(metric) || JsonFields.Has(value)))
        {
            return new(RejectReason.Malformed, "use either readings or metric and value, not both");
        }

        return JsonFields.Has(readings)
            ? TryReadMap(readings, unit, ctx.Limits, out result)
            : TryReadSingle(metric, value, unit, ctx, out result);
    }

    private static DecodeFault? TryReadSingle(JsonElement metric, JsonElement value, JsonElement unit, DecodeContext ctx, out Reading[] result)
    {
        result = [];
        var max = ctx.Limits.MaxIdentifierLength;
        if (!JsonFields.Has(value))
        {
            return new(RejectReason.MissingField, "readings (or metric and value) are required");
        }

        var name = ctx.DefaultMetric ?? "";
        double number = 0;
        var unitText = "";
        var fault = (JsonFields.Has(metric)
                ? JsonFields.TryGetIdentifier(metric, "metric", max, out name)
                : ctx.DefaultMetric is null ? new DecodeFault(RejectReason.MissingField, "metric is required with value") : null)
            ?? JsonNumbers.TryGetNumber(value, $"reading '{name}'", out number)
            ?? (JsonFields.Has(unit) ? JsonFields.TryGetIdentifier(unit, "unit", max, out unitText) : null);
        result = fault is null ? [new Reading(name, number, JsonFields.Has(unit) ? unitText : null)] : [];
        return fault;
    }

    private static DecodeFault? TryReadMap(JsonElement readings, JsonElement unit, DecodeLimits limits, out Reading[] result)
    {
        result = [];
        if (readings.ValueKind != JsonValueKind.Object)
        {
            return new(RejectReason.WrongType, $"readings must be an object of metric to number, not {readings.ValueKind}");
        }

        var fault = CheckCount(readings, "readings", limits.MaxReadingsPerEvent, out var count);
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        fault ??= TryReadUnits(unit, limits, units);
        if (fault is not null)
        {
            return fault;
        }

        if (count == 0)
        {
            return new(RejectReason.MissingField, "readings is empty");
        }

        var built = new Reading[count];
        var seen = new HashSet<string>(count, StringComparer.Ordinal);
        var i = 0;
        foreach (var property in readings.EnumerateObject())
        {
            double number = 0;
            fault = JsonFields.TryGetName(property, "metric name", limits.MaxIdentifierLength, out var name)
                ?? (seen.Add(name) ? null : new DecodeFault(RejectReason.Malformed, $"metric '{name}' appears twice"))
                ?? JsonNumbers.TryGetNumber(property.Value, $"reading '{name}'", out number);
            if (fault is not null)
            {
                return fault;
            }

            built[i++] = new Reading(name, number, units.GetValueOrDefault(name));
        }

        result = built;
        return null;
    }

    private static DecodeFault? TryReadUnits(JsonElement unit, DecodeLimits limits, Dictionary<string, string> units)
    {
        if (!JsonFields.Has(unit))
        {
            return null;
        }

        if (unit.ValueKind != JsonValueKind.Object)
        {
            return new(RejectReason.WrongType, $"unit must be an object of metric to unit with readings, not {unit.ValueKind}");
        }

        var fault = CheckCount(unit, "unit", limits.MaxReadingsPerEvent, out _);
        foreach (var property in unit.EnumerateObject())
        {
            fault ??= JsonFields.TryGetName(property, "unit's metric name", limits.MaxIdentifierLength, out var name)
                ?? JsonFields.TryGetIdentifier(property.Value, $"unit of '{name}'", limits.MaxIdentifierLength, out var text)
                ?? (units.TryAdd(name, text) ? null : new DecodeFault(RejectReason.Malformed, $"unit of '{name}' appears twice"));
        }

        return fault;
    }

    // Counted before anything is allocated for the entries; stops as soon as the limit is passed.
    private static DecodeFault? CheckCount(JsonElement obj, string field, int max, out int count)
    {
        count = 0;
        foreach (var _ in obj.EnumerateObject())
        {
            if (++count > max)
            {
                return new(RejectReason.TooLarge, Invariant($"{field} has more than {max} entries"));
            }
        }

        return null;
    }
}
