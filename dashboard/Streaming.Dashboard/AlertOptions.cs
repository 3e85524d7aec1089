namespace Streaming.Dashboard;

/// <summary>Threshold alerts on entity windows, bound from <c>Alerts</c> (validated by <see cref="AlertOptionsValidator"/>).</summary>
public sealed class AlertOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Alerts";

    /// <summary>The rules; none by default (then nothing fires).</summary>
    public List<AlertRuleOptions> Rules { get; set; } = [];
}
