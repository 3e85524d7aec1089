using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Streaming.Domain;
using Streaming.Grains;

namespace Streaming.Silo;

/// <summary>Configures the Orleans silo: PostgreSQL when a connection string is configured, else the embedded default.</summary>
public static class SiloHostingExtensions
{
    /// <summary>The connection string name for clustering, grain state and reminders.</summary>
    public const string ConnectionStringName = "Orleans";

    /// <summary>Adds the silo, its storage and the domain options.</summary>
    public static WebApplicationBuilder AddStreamingSilo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(OrleansOptions.Section).Get<OrleansOptions>() ?? new OrleansOptions();
        var configured = builder.Configuration.GetConnectionString(ConnectionStringName);
        var connectionString = string.IsNullOrWhiteSpace(configured) ? null : PostgresConnectionDefaults.Apply(configured);
        builder.UseOrleans(silo =>
        {
            silo.AddStreamingGrains();
            // Failure detection and call timeouts are tunable (tests shorten them to see a killed silo in seconds).
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
            silo.Configure<SiloMessagingOptions>(builder.Configuration.GetSection("Orleans:Messaging"));
            // How long idle activations stay, and shedding them under memory pressure (see README, "Memory").
            silo.Configure<GrainCollectionOptions>(builder.Configuration.GetSection("Orleans:Collection"));
            if (connectionString is null)
            {
                // Embedded default: one process, nothing to install; state lives in this process and a restart loses it.
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, null, options.ServiceId, options.ClusterId);
                silo.AddInProcessGrainStorage(StorageNames.Default);
                silo.AddInProcessWakeUps(); // the state they would close goes with the process too
            }
            else
            {
                silo.Configure<ClusterOptions>(c => (c.ClusterId, c.ServiceId) = (options.ClusterId, options.ServiceId));
                silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedIP), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
                silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
                silo.AddBatchedPostgresGrainStorage(StorageNames.Default, connectionString);
                silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
            }
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<StartupBanner>();
        builder.Services.AddOptions<OrleansOptions>().BindConfiguration(OrleansOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<CleaningOptions>().BindConfiguration(CleaningOptions.Section);
        builder.Services.AddOptions<WindowOptions>().BindConfiguration(WindowOptions.Section)
            .PostConfigure<IConfiguration>((o, config) =>
            {
                // The binder appends configured array items to the defaults; configured sizes replace them instead.
                var sizes = config.GetSection(WindowOptions.Section + ":" + nameof(WindowOptions.Sizes)).Get<TimeSpan[]>();
                if (sizes is { Length: > 0 })
                {
                    o.Sizes = sizes;
                }
            });
        builder.Services.AddOptions<RollupOptions>().BindConfiguration(RollupOptions.Section);
        builder.Services.AddOptions<LinkingOptions>().BindConfiguration(LinkingOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<WindowOptions>, WindowOptionsValidator>();
        return builder;
    }
}
