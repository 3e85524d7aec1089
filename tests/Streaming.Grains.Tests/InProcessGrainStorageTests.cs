using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Streaming.Domain;

namespace Streaming.Grains.Tests;

/// <summary>The embedded default's grain storage keeps the contract the grains rely on: copies, ETags, clearing.</summary>
[Trait("Category", "Grains")]
public sealed class InProcessGrainStorageTests
{
    private static readonly GrainId Entity = GrainId.Create("entity", "source:aq-1"), Other = GrainId.Create("entity", "source:aq-2");
    private readonly InProcessGrainStorage _storage;

    public InProcessGrainStorageTests()
    {
        var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(EntityState).Assembly)).BuildServiceProvider();
        _storage = new InProcessGrainStorage(services.GetRequiredService<Serializer>(), services.GetRequiredService<IActivatorProvider>());
    }

    [Fact]
    public async Task Read_NothingWritten_NewStateWithoutRecordOrETag()
    {
        var state = new GrainState<EntityState>();

        await _storage.ReadStateAsync("entity", Entity, state);

        Assert.NotNull(state.State);
        Assert.Equal(0, state.State.EventsApplied);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task Write_ThenChangeInMemory_ReadGivesTheWrittenCopy()
    {
        var written = new GrainState<EntityState>(new EntityState { EventsApplied = 7, Area = "E38000001" });
        await _storage.WriteStateAsync("entity", Entity, written);
        written.State!.EventsApplied = 8; // a change never written (the grain failed before its next write)

        var read = new GrainState<EntityState>();
        await _storage.ReadStateAsync("entity", Entity, read);

        Assert.NotSame(written.State, read.State);
        Assert.Equal(7, read.State!.EventsApplied);
        Assert.Equal("E38000001", read.State.Area);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Theory]
    [InlineData(40, 2, 300)] // shrinks into the stored bytes, then grows past them
    [InlineData(1, 300, 2)]
    public async Task Write_SizeChangesBetweenWrites_ReadGivesOnlyTheLatest(int first, int second, int third)
    {
        var state = new GrainState<EntityState>(new EntityState());
        foreach (var attributes in new[] { first, second, third })
        {
            state.State!.Attributes = Enumerable.Range(0, attributes).ToDictionary(i => $"attribute-{i}", i => new string('x', i % 50));
            await _storage.WriteStateAsync("entity", Entity, state);

            var read = new GrainState<EntityState>();
            await _storage.ReadStateAsync("entity", Entity, read);
            Assert.Equal(state.State.Attributes, read.State!.Attributes);
            Assert.Equal(state.ETag, read.ETag);
        }
    }

    [Fact]
    public async Task Write_StaleETag_RefusedAndStoredStateKept()
    {
        var first = new GrainState<EntityState>(new EntityState { EventsApplied = 1 });
        await _storage.WriteStateAsync("entity", Entity, first);
        var stale = new GrainState<EntityState>(new EntityState { EventsApplied = 99 }) { ETag = first.ETag };
        first.State!.EventsApplied = 2;
        await _storage.WriteStateAsync("entity", Entity, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("entity", Entity, stale));
        // Nothing stored under a name yet: a write that claims an ETag is just as stale.
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("entity", Other, stale));

        var read = new GrainState<EntityState>();
        await _storage.ReadStateAsync("entity", Entity, read);
        Assert.Equal(2, read.State!.EventsApplied);
        Assert.Equal(1, _storage.Count);
    }

    [Fact]
    public async Task Clear_RemovesOnlyThatState()
    {
        var one = new GrainState<EntityState>(new EntityState { EventsApplied = 1 });
        var two = new GrainState<EntityState>(new EntityState { EventsApplied = 2 });
        await _storage.WriteStateAsync("entity", Entity, one);
        await _storage.WriteStateAsync("entity", Other, two);

        await _storage.ClearStateAsync("entity", Entity, one);

        Assert.False(one.RecordExists);
        Assert.Null(one.ETag);
        var read = new GrainState<EntityState>();
        await _storage.ReadStateAsync("entity", Entity, read);
        Assert.False(read.RecordExists);
        await _storage.ReadStateAsync("entity", Other, read);
        Assert.Equal(2, read.State!.EventsApplied);
    }
}
