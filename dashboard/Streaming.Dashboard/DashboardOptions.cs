using System.ComponentModel.DataAnnotations;

namespace Streaming.Dashboard;

/// <summary>The live dashboard: how often it pushes, how much per message, who may sign in and from which origins.</summary>
public sealed class DashboardOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Dashboard";

    /// <summary>
    /// The least time between two pushes: each group receives what changed for it when a digest arrives, at most once per
    /// interval (and at least once a second).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:05")]
    public TimeSpan PushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Most windows in one message; when more changed, the most recently changed go first.</summary>
    [Range(1, 10_000)]
    public int MaxWindowsPerMessage { get; set; } = 200;

    /// <summary>
    /// How long a source may send nothing before the sources panel shows it as silent (it stays listed, with when it was
    /// last heard). Default 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Users who may sign in. Empty: a local operator is created at start-up with a random password (logged once).</summary>
    public List<DashboardUser> Users { get; set; } = [];

    /// <summary>Origins (scheme://host:port) whose pages may connect to the hub besides the silo's own.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
