using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Streaming.Grains.Abstractions;
using Streaming.Domain;
using Streaming.Grains;

namespace Streaming.Grains.Tests;

/// <summary>One in-process test cluster (two silos, memory storage) shared by the grain tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddStreamingGrains().AddMemoryGrainStorage(StorageNames.Default);
            silo.AddInProcessWakeUps(); // reminders, the production wake-ups, are tested on PostgreSQL (PostgresSiloTests)
            silo.AddIncomingGrainCallFilter<RollupCalls>();
            silo.Services.AddSingleton<IOutputSink, RecordingOutputSink>();
            silo.Services.AddSingleton<IPlaceRegistry, TestPlaceRegistry>();
            silo.Services.Configure<LinkingOptions>(o => o.Sources["configured-sensor"] = "ods:W1");
            // The real clock: Orleans' own timers read the registered TimeProvider, so a fake one would stop them.
            silo.Services.Configure<WindowOptions>(o =>
            {
                o.IdleTimeout = TimeSpan.FromSeconds(2);
                o.AllowedLateness = TimeSpan.FromMinutes(5);
            });
            // Settling after two children puts every roll-up test through both of a roll-up's records.
            silo.Services.Configure<RollupOptions>(o =>
            {
                o.ForwardInterval = TimeSpan.FromMilliseconds(50);
                o.SettleAfterChildren = 2;
            });
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
