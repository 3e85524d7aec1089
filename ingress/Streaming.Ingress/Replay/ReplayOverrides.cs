using System.Globalization;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// A sandbox's setting overrides, as configuration keys and values (<c>Cleaning:Limits:pm25:Max=50</c>), applied to a copy
/// of the silo's replay settings; the silo's own options are never changed. A limit field changes the metric's effective
/// limits (configured, else the default), so <c>Max</c> alone keeps its <c>Min</c>, unit and quality thresholds.
/// </summary>
public static class ReplayOverrides
{
    /// <summary>The keys a sandbox may override, for messages.</summary>
    public const string Supported = "Cleaning:Limits:{metric}:Min|Max|SpikeDelta|StuckRepeats|CanonicalUnit, Cleaning:DedupeHorizon, "
        + "Cleaning:MaxDedupeEntries, Windows:AllowedLateness, Windows:RetainWindows, Linking:MaxDistanceMetres";

    /// <summary>The settings with the overrides applied, or null with the reason when one is unknown or unreadable.</summary>
    public static ReplaySettings? Apply(ReplaySettings settings, IReadOnlyDictionary<string, string> overrides, out string? error)
    {
        error = null;
        var c = settings.Cleaning;
        var cleaning = new CleaningOptions
        {
            Limits = new(c.Limits, StringComparer.Ordinal), DedupeHorizon = c.DedupeHorizon, MaxDedupeEntries = c.MaxDedupeEntries,
        };
        var w = settings.Windows;
        var windows = new WindowOptions
        {
            Sizes = [.. w.Sizes], AllowedLateness = w.AllowedLateness, IdleTimeout = w.IdleTimeout, RetainWindows = w.RetainWindows,
        };
        var distance = settings.MaxDistanceMetres;
        foreach (var (key, value) in overrides.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            var parts = key.Split(':');
            var ok = parts.Select(p => p.ToLowerInvariant()).ToArray() switch
            {
                ["cleaning", "limits", _, var field] => TryLimit(cleaning, MetricCatalog.CanonicalName(parts[2]), field, value),
                ["cleaning", "dedupehorizon"] => TryTime(value, t => cleaning.DedupeHorizon = t),
                ["cleaning", "maxdedupeentries"] => TryInt(value, n => cleaning.MaxDedupeEntries = n),
                ["windows", "allowedlateness"] => TryTime(value, t => windows.AllowedLateness = t),
                ["windows", "retainwindows"] => TryInt(value, n => windows.RetainWindows = n),
                ["linking", "maxdistancemetres"] => TryDouble(value, d => distance = d),
                _ => (bool?)null,
            };
            if (ok is null)
            {
                error = $"setting '{key}' cannot be overridden in a sandbox; these can: {Supported}";
                return null;
            }
            if (ok == false)
            {
                error = $"setting '{key}' has a value '{value}' that is not valid for it";
                return null;
            }
        }
        foreach (var (metric, limits) in cleaning.Limits)
        {
            if (double.IsNaN(limits.Min) || double.IsNaN(limits.Max) || limits.CanonicalUnit.Length == 0 || limits.Min > limits.Max)
            {
                error = $"limits for '{metric}' need Min ≤ Max and a CanonicalUnit (a metric without limits needs all three)";
                return null;
            }
        }
        return settings with { Cleaning = cleaning, Windows = windows, MaxDistanceMetres = distance };
    }

    private static bool? TryLimit(CleaningOptions cleaning, string metric, string field, string value)
    {
        var limits = cleaning.LimitsFor(metric) ?? new MetricLimits(double.NaN, double.NaN, string.Empty);
        var numeric = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number);
        MetricLimits? changed = field switch
        {
            "min" when numeric => limits with { Min = number },
            "max" when numeric => limits with { Max = number },
            "spikedelta" when numeric || value is "" or "none" => limits with { SpikeDelta = numeric ? number : null },
            "stuckrepeats" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => limits with { StuckRepeats = n },
            "canonicalunit" when value.Length > 0 => limits with { CanonicalUnit = value },
            _ => null,
        };
        if (changed is null)
        {
            return field is "min" or "max" or "spikedelta" or "stuckrepeats" or "canonicalunit" ? false : null;
        }
        cleaning.Limits[metric] = changed;
        return true;
    }

    private static bool TryTime(string value, Action<TimeSpan> set) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var t) && t >= TimeSpan.Zero && Set(set, t);

    private static bool TryInt(string value, Action<int> set) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && Set(set, n);

    private static bool TryDouble(string value, Action<double> set) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d >= 0 && Set(set, d);

    private static bool Set<T>(Action<T> set, T value)
    {
        set(value);
        return true;
    }
}
