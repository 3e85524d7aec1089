using System.ComponentModel.DataAnnotations;

namespace Streaming.Dashboard;

/// <summary>A silo's share of the dashboards, bound from the same <c>Dashboard</c> section as <see cref="DashboardOptions"/>.</summary>
public sealed class DashboardFeedOptions
{
    /// <summary>
    /// How often the silo publishes its digest (what its grains produced) to the dashboards; an idle silo still publishes
    /// about once a second. Default 100 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.020", "00:00:05")]
    public TimeSpan FeedInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
