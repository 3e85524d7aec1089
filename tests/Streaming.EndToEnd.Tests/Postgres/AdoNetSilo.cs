using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Streaming.Silo;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// Starts an in-process silo whose clustering, grain storage ("Default") and reminders all use the
/// Orleans ADO.NET providers against PostgreSQL, configured as the Streaming silo does; with
/// <c>batchedStorage</c>, grain state is read and written through <see cref="BatchedPostgresGrainStorage"/>, as the
/// Streaming silo keeps it (the ADO.NET provider still clears it).
/// </summary>
internal static class AdoNetSilo
{
    /// <summary>The ADO.NET invariant Orleans maps to Npgsql's DbProviderFactory.</summary>
    public const string Invariant = "Npgsql";

    public static async Task<IHost> StartAsync(string connectionString, string clusterId, string serviceId, bool batchedStorage = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = serviceId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, FreeTcpPort.Next(), FreeTcpPort.Next());
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = connectionString;
            });
            if (batchedStorage)
            {
                silo.AddBatchedPostgresGrainStorage("Default", connectionString);
            }
            else
            {
                silo.AddAdoNetGrainStorage("Default", options =>
                {
                    options.Invariant = Invariant;
                    options.ConnectionString = connectionString;
                });
            }
            // Registers System.Text.Json as the storage serializer for every provider that does not set
            // its own GrainStorageSerializer: state lands in PayloadBinary as plain UTF-8 JSON.
            silo.UseSystemTextJsonGrainStorageSerializer();
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = connectionString;
            });
        });

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static int SiloPort(this IHost host) =>
        host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.Port;

    public static ICounterGrain Counter(this IHost host, string key) =>
        host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>(key);
}
