using Streaming.Grains.Abstractions;

namespace Streaming.Grains.Tests;

/// <summary>The cached path gives the same references GetGrain does, so calls reach the same activations.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Grains")]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public void Get_AfterTheFirst_SameGrainIdAndInterfaceAsGetGrain()
    {
        foreach (var key in new[] { "source:refs-1", "source:refs-2", "place:refs-3" })
        {
            var expected = fixture.Grains.GetGrain<IEntityGrain>(key);
            var first = GrainReferences.Get<IEntityGrain>(fixture.Grains, key);
            var second = GrainReferences.Get<IEntityGrain>(fixture.Grains, key);

            Assert.Equal(expected.GetGrainId(), first.GetGrainId());
            Assert.Equal(expected.GetGrainId(), second.GetGrainId());
            Assert.Equal(((GrainReference)(object)expected).InterfaceType, ((GrainReference)(object)second).InterfaceType);
        }
        Assert.Equal(fixture.Grains.GetGrain<IRollupGrain>("area:x").GetGrainId(), GrainReferences.Get<IRollupGrain>(fixture.Grains, "area:x").GetGrainId());
        Assert.Throws<ArgumentException>(() => GrainReferences.Get<IEntityGrain>(fixture.Grains, " "));
    }

    [Fact]
    public async Task Get_CallsReachTheGrain()
    {
        var snapshot = await GrainReferences.Get<IEntityQueryGrain>(fixture.Grains, "source:refs-call").GetSnapshot();

        Assert.Equal("source:refs-call", snapshot.Key);
    }
}
