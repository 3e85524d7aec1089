using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>One alert rule, bound from <c>Alerts:Rules:{n}</c>: <c>Metric=pm25</c>, <c>Above=35</c>, <c>Window=1m</c>.</summary>
public sealed class AlertRuleOptions
{
    /// <summary>How the page names the rule. Default: built from the others, e.g. <c>pm25 above 35 (1m)</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The metric (canonical name, e.g. <c>pm25</c>).</summary>
    [Required]
    public string Metric { get; set; } = "";

    /// <summary>The event kind (<c>sensor</c>, <c>social</c>, <c>media</c>, <c>record</c>); empty for any.</summary>
    public string? Kind { get; set; }

    /// <summary>Fires when a window's mean is greater than this.</summary>
    public double? Above { get; set; }

    /// <summary>Fires when a window's mean is less than this.</summary>
    public double? Below { get; set; }

    /// <summary>The window size the rule looks at, as the read API writes it (<c>1m</c>, <c>1h</c>). Default <c>1m</c>.</summary>
    public string Window { get; set; } = "1m";

    /// <summary>The rule, or null with the reason when it is not valid.</summary>
    public AlertRule? ToRule(out string? problem)
    {
        problem = null;
        EventKind? kind = null;
        if (!WindowSize.TryParse(Window, out var size))
        {
            problem = $"Window '{Window}' is not a size like 30s, 1m or 1h";
        }
        else if (Above is null && Below is null)
        {
            problem = "set Above, Below or both";
        }
        else if (!string.IsNullOrEmpty(Kind))
        {
            if (Enum.TryParse<EventKind>(Kind, ignoreCase: true, out var k) && Enum.IsDefined(k))
            {
                kind = k;
            }
            else
            {
                problem = $"Kind '{Kind}' is not sensor, social, media or record";
            }
        }
        if (problem is not null || string.IsNullOrWhiteSpace(Metric))
        {
            problem ??= "Metric is required";
            return null;
        }
        var metric = MetricCatalog.CanonicalName(Metric);
        var name = Name ?? string.Join(' ', new[]
        {
            metric,
            Above is { } a ? "above " + a.ToString(CultureInfo.InvariantCulture) : null,
            Above is not null && Below is not null ? "or" : null,
            Below is { } b ? "below " + b.ToString(CultureInfo.InvariantCulture) : null,
            $"({Window})",
        }.Where(p => p is not null));
        return new AlertRule(name, metric, size, Above, Below, kind);
    }
}
