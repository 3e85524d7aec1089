using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Storage;
using Streaming.Silo;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// The silo's grain storage on PostgreSQL (<see cref="BatchedPostgresGrainStorage"/>): reads and writes from many grains
/// share a batch and a commit, the rows are those of Orleans' ADO.NET provider in both directions, and one write's conflict
/// or error stays with that write.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class BatchedPostgresGrainStorageTests(PostgresFixture postgres)
{
    private const int Grains = 200;

    private readonly string _clusterId = $"cluster-{Guid.NewGuid():N}";
    private readonly string _serviceId = $"service-{Guid.NewGuid():N}";

    [Fact]
    public async Task ConcurrentReadsAndWrites_ShareBatches_AndOrleansProviderReadsAndContinuesThem()
    {
        var keys = Enumerable.Range(0, Grains).Select(i => $"batched-{i}").ToArray();
        using (var batched = await StartSiloAsync(batchedStorage: true))
        {
            // A read (on activation), a first write (an insert) and a second (an update) for every grain, all grains at once.
            for (var round = 1; round <= 2; round++)
            {
                var counts = await Task.WhenAll(keys.Select(k => batched.Counter(k).Increment()));
                Assert.All(counts, c => Assert.Equal(round, c));
            }
            var (operations, batches, _) = Storage(batched).Statistics;
            Assert.Equal(3 * Grains, operations);
            Assert.True(batches < operations / 4, $"{operations} reads and writes from {Grains} grains at once should share batches; they took {batches}");
            await batched.StopAsync();
        }

        using (var orleans = await StartSiloAsync(batchedStorage: false))
        {
            Assert.Equal(2, await orleans.Counter(keys[0]).Get());
            Assert.Equal(3, await orleans.Counter(keys[0]).Increment()); // the version the batched write left is the one expected
            await orleans.StopAsync();
        }

        using var again = await StartSiloAsync(batchedStorage: true);
        Assert.Equal(3, await again.Counter(keys[0]).Get());
        Assert.Equal(4, await again.Counter(keys[0]).Increment()); // and the other way round
        Assert.Equal(2, await again.Counter(keys[^1]).Get());
        await again.StopAsync();
    }

    [Fact]
    public async Task StaleWrite_AmongOthers_ConflictsAlone()
    {
        using var host = await StartSiloAsync(batchedStorage: true);
        var storage = Storage(host);
        var states = Enumerable.Range(0, 40).Select(i => (Grain: Counter($"stale-{i}"), State: new GrainState<CounterState>(new() { Count = i }))).ToList();
        await Task.WhenAll(states.Select(s => storage.WriteStateAsync("stale", s.Grain, s.State)));

        var stale = new GrainState<CounterState>(new() { Count = -1 }) { ETag = "7" }; // the row is at version 1
        var writes = states.Select(s => storage.WriteStateAsync("stale", s.Grain, s.State)).ToList();
        writes.Insert(20, storage.WriteStateAsync("stale", Counter("stale-0"), stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => writes[20]);
        writes.RemoveAt(20);
        await Task.WhenAll(writes); // every other write of the batch committed

        Assert.All(states, s => Assert.Equal("2", s.State.ETag));
        var read = new GrainState<CounterState>(new());
        await storage.ReadStateAsync("stale", Counter("stale-0"), read);
        Assert.Equal((0, "2"), (read.State!.Count, read.ETag));
        await host.StopAsync();
    }

    [Fact]
    public async Task FailingStatement_InABatch_FailsThatWriteOnly()
    {
        using var host = await StartSiloAsync(batchedStorage: true);
        var storage = Storage(host);
        var overlong = new string('x', 600); // OrleansStorage.GrainTypeString is varchar(512): the insert fails

        var good = Enumerable.Range(0, 40).Select(i => (Grain: Counter($"error-{i}"), State: new GrainState<CounterState>(new() { Count = i }))).ToList();
        var writes = good.Select(g => storage.WriteStateAsync("error", g.Grain, g.State)).ToList();
        var failing = storage.WriteStateAsync(overlong, Counter("error-bad"), new GrainState<CounterState>(new()));
        writes.AddRange(good.Select(g => storage.WriteStateAsync("error-other", g.Grain, new GrainState<CounterState>(new() { Count = 1 }))));

        var error = await Assert.ThrowsAsync<PostgresException>(() => failing);
        Assert.Equal(PostgresErrorCodes.StringDataRightTruncation, error.SqlState);
        await Task.WhenAll(writes);
        foreach (var (grain, state) in good)
        {
            var read = new GrainState<CounterState>(new());
            await storage.ReadStateAsync("error", grain, read);
            Assert.Equal((state.State!.Count, "1", true), (read.State!.Count, read.ETag, read.RecordExists));
        }
        await host.StopAsync();
    }

    [Fact]
    public async Task Read_OfMissingAndClearedStates_AsOrleansProviderReadsThem()
    {
        using var host = await StartSiloAsync(batchedStorage: true);
        var storage = Storage(host);

        var missing = new GrainState<CounterState>(new() { Count = 5 }) { ETag = "9", RecordExists = true };
        await storage.ReadStateAsync("cleared", Counter("never-written"), missing);
        Assert.Equal((0, null, false), (missing.State!.Count, missing.ETag, missing.RecordExists));

        var state = new GrainState<CounterState>(new() { Count = 7 });
        await storage.WriteStateAsync("cleared", Counter("cleared"), state);
        await storage.ClearStateAsync("cleared", Counter("cleared"), state); // keeps the row, its payload NULL, version 2
        var read = new GrainState<CounterState>(new() { Count = 5 });
        await storage.ReadStateAsync("cleared", Counter("cleared"), read);
        Assert.Equal((0, "2", false), (read.State!.Count, read.ETag, read.RecordExists));
        await storage.WriteStateAsync("cleared", Counter("cleared"), read); // and writes on from the version read
        Assert.Equal("3", read.ETag);
        await host.StopAsync();
    }

    // Every kind of grain key Orleans' provider distinguishes: a row written here is the row it reads, and the other way round.
    [Theory]
    [InlineData("string")]
    [InlineData("integer")]
    [InlineData("integer+extension")]
    [InlineData("guid")]
    [InlineData("guid+extension")]
    public async Task Write_OfEachKeyKind_ReadBackAcrossProviders(string kind)
    {
        using var host = await StartSiloAsync(batchedStorage: true);
        var guid = Guid.NewGuid();
        var key = kind switch
        {
            "string" => IdSpan.Create($"key-{guid:N}"),
            "integer" => GrainIdKeyExtensions.CreateIntegerKey(guid.GetHashCode()),
            "integer+extension" => GrainIdKeyExtensions.CreateIntegerKey(guid.GetHashCode(), "extension"),
            "guid" => GrainIdKeyExtensions.CreateGuidKey(guid),
            _ => GrainIdKeyExtensions.CreateGuidKey(guid, "extension"),
        };
        var grain = GrainId.Create(GrainType.Create("counter"), key);

        var orleans = host.Services.GetRequiredKeyedService<IGrainStorage>("Default.adonet");

        await Storage(host).WriteStateAsync("batched", grain, new GrainState<CounterState>(new() { Count = 42 }));
        await orleans.WriteStateAsync("orleans", grain, new GrainState<CounterState>(new() { Count = 43 }));

        var byOrleans = new GrainState<CounterState>(new());
        await orleans.ReadStateAsync("batched", grain, byOrleans);
        Assert.Equal((42, "1", true), (byOrleans.State!.Count, byOrleans.ETag, byOrleans.RecordExists));
        var byBatched = new GrainState<CounterState>(new());
        await Storage(host).ReadStateAsync("orleans", grain, byBatched);
        Assert.Equal((43, "1", true), (byBatched.State!.Count, byBatched.ETag, byBatched.RecordExists));
        await host.StopAsync();
    }

    private static GrainId Counter(string key) => GrainId.Create("counter", key);

    private static BatchedPostgresGrainStorage Storage(IHost host) =>
        (BatchedPostgresGrainStorage)host.Services.GetRequiredKeyedService<IGrainStorage>("Default");

    private Task<IHost> StartSiloAsync(bool batchedStorage) =>
        AdoNetSilo.StartAsync(postgres.ConnectionString, _clusterId, _serviceId, batchedStorage);
}
