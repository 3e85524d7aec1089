using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains.Tests;

[Collection(ClusterCollection.Name), Trait("Category", "Grains")]
public sealed class RecentImagesGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Check_AfterAQuietSpell_StillRemembersTheImage()
    {
        var recent = fixture.Grains.GetGrain<IRecentImagesGrain>(GrainKeys.RecentImages);
        var hash = (ulong)Random.Shared.NextInt64();
        var first = Image("first", hash);
        Assert.Null(Assert.Single(await recent.Check([first])));

        // Nothing else holds the memory of recent images: collected when idle, it would forget them all.
        Assert.True(await Deactivation.SurvivesCollection(fixture.Grains, recent, TimeSpan.FromSeconds(1)));

        Assert.Equal(first.Image.ContentHash, Assert.Single(await recent.Check([Image("again", hash ^ 0b101)])));
    }

    private static MediaCheck Image(string name, ulong perceptualHash)
    {
        var id = Events.Unique(name);
        return new MediaCheck(new EnvelopeId(id), new MediaPayload(id, "image/jpeg", 640, 480, 1_000, perceptualHash), "camera", Events.T0);
    }
}
