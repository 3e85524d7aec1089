using System.Collections.Frozen;

namespace Streaming.Domain;

/// <summary>
/// What the platform knows about common environmental metrics: their canonical names, units and
/// physical ranges, and the unit conversions that are unambiguous. Metrics it does not know are
/// accepted as sent, with their name lower-cased and no range check.
/// </summary>
public static class MetricCatalog
{
    private static readonly FrozenDictionary<string, string> s_aliases = new Dictionary<string, string>
    {
        ["temp"] = "temperature", ["t"] = "temperature", ["rh"] = "humidity", ["hum"] = "humidity",
        ["pres"] = "pressure", ["press"] = "pressure", ["pm2.5"] = "pm25", ["pm2_5"] = "pm25",
        ["pm1.0"] = "pm1", ["pm1_0"] = "pm1", ["sound"] = "noise", ["laeq"] = "noise", ["people"] = "occupancy",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The default physical limits, in canonical units.</summary>
    public static IReadOnlyDictionary<string, MetricLimits> DefaultLimits { get; } = new Dictionary<string, MetricLimits>
    {
        ["temperature"] = new(-60, 70, "Cel", SpikeDelta: 15, StuckRepeats: 60),
        ["humidity"] = new(0, 100, "%RH", SpikeDelta: 40, StuckRepeats: 60),
        ["pressure"] = new(850, 1100, "hPa", SpikeDelta: 20, StuckRepeats: 0),
        ["pm1"] = new(0, 1000, "ug/m3", SpikeDelta: 300, StuckRepeats: 60),
        ["pm25"] = new(0, 1000, "ug/m3", SpikeDelta: 300, StuckRepeats: 60),
        ["pm10"] = new(0, 2000, "ug/m3", SpikeDelta: 500, StuckRepeats: 60),
        ["no2"] = new(0, 2000, "ug/m3", SpikeDelta: 400, StuckRepeats: 60),
        ["o3"] = new(0, 1000, "ug/m3", SpikeDelta: 300, StuckRepeats: 60),
        ["so2"] = new(0, 2000, "ug/m3", SpikeDelta: 400, StuckRepeats: 60),
        ["co"] = new(0, 100, "mg/m3", SpikeDelta: 20, StuckRepeats: 60),
        ["co2"] = new(250, 10000, "ppm", SpikeDelta: 2000, StuckRepeats: 60),
        ["noise"] = new(0, 140, "dBA", SpikeDelta: 50, StuckRepeats: 0),
        ["occupancy"] = new(0, 100000, "count"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // (metric's canonical unit, sender's unit) -> conversion. Identity spellings map to null.
    private static readonly FrozenDictionary<(string Canonical, string Unit), Func<double, double>?> s_conversions =
        new Dictionary<(string, string), Func<double, double>?>
        {
            [("Cel", "cel")] = null, [("Cel", "c")] = null, [("Cel", "degc")] = null, [("Cel", "°c")] = null,
            [("Cel", "k")] = v => v - 273.15, [("Cel", "degf")] = v => (v - 32) * 5 / 9, [("Cel", "°f")] = v => (v - 32) * 5 / 9,
            [("%RH", "%rh")] = null, [("%RH", "%")] = null, [("%RH", "percent")] = null,
            [("hPa", "hpa")] = null, [("hPa", "mbar")] = null, [("hPa", "pa")] = v => v / 100, [("hPa", "kpa")] = v => v * 10,
            [("ug/m3", "ug/m3")] = null, [("ug/m3", "µg/m3")] = null, [("ug/m3", "μg/m3")] = null, [("ug/m3", "ug/m^3")] = null,
            [("ug/m3", "mg/m3")] = v => v * 1000,
            [("mg/m3", "mg/m3")] = null, [("mg/m3", "ug/m3")] = v => v / 1000, [("mg/m3", "µg/m3")] = v => v / 1000,
            [("ppm", "ppm")] = null, [("ppm", "ppb")] = v => v / 1000,
            [("dBA", "dba")] = null, [("dBA", "db")] = null, [("dBA", "db(a)")] = null,
            [("count", "count")] = null, [("count", "1")] = null, [("count", "people")] = null,
        }.ToFrozenDictionary();

    /// <summary>The canonical name of a metric: trimmed, lower-case, with common aliases folded.</summary>
    public static string CanonicalName(string metric)
    {
        var name = metric.Trim().ToLowerInvariant();
        return Shared(s_aliases.TryGetValue(name, out var alias) ? alias : name);
    }

    /// <summary>
    /// The one instance of a metric name this catalog knows (its names are literals, so interned), rather than the string
    /// each reading was decoded into, which every state keeping the name (dedupe memory, metric memory, windows) would
    /// otherwise hold and write once per reading. Only looks the pool up; never adds what senders send to it.
    /// </summary>
    public static string Shared(string canonical) => string.IsInterned(canonical) ?? canonical;

    /// <summary>
    /// Converts <paramref name="value"/> from <paramref name="unit"/> to <paramref name="canonicalUnit"/>.
    /// Returns false when the unit is unknown for the metric or the conversion needs more than the value
    /// (ppb to ug/m3 depends on temperature and pressure, so it is refused rather than guessed).
    /// </summary>
    public static bool TryConvert(string canonicalUnit, string? unit, double value, out double converted, out bool changed)
    {
        converted = value;
        changed = false;
        if (unit is null || string.Equals(unit, canonicalUnit, StringComparison.Ordinal))
        {
            return true;
        }
        if (!s_conversions.TryGetValue((canonicalUnit, unit.Trim().ToLowerInvariant()), out var convert))
        {
            return false;
        }
        if (convert is not null)
        {
            converted = convert(value);
            changed = true;
        }
        return true;
    }
}
