using System.ComponentModel.DataAnnotations;

namespace Streaming.Silo;

/// <summary>Cluster settings, bound from <c>Orleans</c>. PostgreSQL is used when <c>ConnectionStrings:Orleans</c> is set.</summary>
public sealed class OrleansOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Orleans";

    /// <summary>The cluster's id; silos with the same id and service form one cluster. Default <c>streaming</c>.</summary>
    [Required]
    public string ClusterId { get; set; } = "streaming";

    /// <summary>The service's id; grain state is keyed by it, so keep it stable across deployments. Default <c>streaming</c>.</summary>
    [Required]
    public string ServiceId { get; set; } = "streaming";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port. Default 30000.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one on. Default 127.0.0.1.</summary>
    [Required]
    public string AdvertisedIP { get; set; } = "127.0.0.1";
}
