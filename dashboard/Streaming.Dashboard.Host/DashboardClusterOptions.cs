using System.ComponentModel.DataAnnotations;

namespace Streaming.Dashboard.Host;

/// <summary>
/// Which cluster the dashboard joins as a client, bound from <c>Orleans</c> like the silos' settings: the cluster in
/// PostgreSQL when <c>ConnectionStrings:Orleans</c> is set, else the embedded default's gateway on 127.0.0.1.
/// </summary>
public sealed class DashboardClusterOptions
{
    /// <summary>The configuration section (the silos').</summary>
    public const string Section = "Orleans";

    /// <summary>The cluster's id, as the silos have it. Default <c>streaming</c>.</summary>
    [Required]
    public string ClusterId { get; set; } = "streaming";

    /// <summary>The service's id, as the silos have it. Default <c>streaming</c>.</summary>
    [Required]
    public string ServiceId { get; set; } = "streaming";

    /// <summary>The embedded default silo's gateway port on 127.0.0.1 (without PostgreSQL). Default 30000.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;
}
