using Microsoft.Extensions.Options;
using Streaming.Grains.Abstractions;

namespace Streaming.Silo;

/// <summary>Says at start-up which configuration runs and, for the embedded default, what a restart loses.</summary>
// Taking the place registry here loads it at start-up (and fails start-up if its files are missing), not on the first request.
internal sealed partial class StartupBanner(IConfiguration configuration, IOptions<OrleansOptions> orleans, IPlaceRegistry places,
    ILogger<StartupBanner> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = configuration["Urls"] ?? "(ASP.NET default)";
        LogPlaces(places.Index.Places.Count);
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(SiloHostingExtensions.ConnectionStringName)))
        {
            LogEmbedded(urls);
        }
        else
        {
            LogProduction(orleans.Value.ClusterId, orleans.Value.ServiceId, urls);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(4001, LogLevel.Information,
        "Embedded default on {Urls}: localhost clustering, grain state in memory (a restart loses it). POST sensor JSON to /api/ingest.")]
    private partial void LogEmbedded(string urls);

    [LoggerMessage(4003, LogLevel.Debug, "{Places} places ready for linking and search")]
    private partial void LogPlaces(int places);

    [LoggerMessage(4002, LogLevel.Information, "Cluster {ClusterId}/{ServiceId} on PostgreSQL; HTTP on {Urls}")]
    private partial void LogProduction(string clusterId, string serviceId, string urls);
}
