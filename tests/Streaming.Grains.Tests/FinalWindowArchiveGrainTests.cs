using Orleans.Runtime;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains.Tests;

/// <summary>An entity's final windows kept in a record of their own: left out of its state's write, all back after a reload.</summary>
[Collection(ClusterCollection.Name), Trait("Category", "Grains")]
public sealed class FinalWindowArchiveGrainTests(ClusterFixture fixture)
{
    private static readonly SeriesKey Pm25 = new(EventKind.Sensor, "pm25");

    [Fact]
    public void EntityState_AfterArchive_WritesOnlyTheFinalWindowsClosedSince()
    {
        var serializer = StoredStateGolden.Serializer;
        var (_, entity, _) = StoredStateGolden.Build();
        var whole = serializer.SerializeToArray(entity).Length;
        var final = entity.Windows.Series.Values.Sum(s => s.Closed.Count);

        FinalWindowArchive.MarkArchived(entity.Windows, FinalWindowArchive.Collect(entity.Windows));
        var written = serializer.SerializeToArray(entity);
        var read = serializer.Deserialize<EntityState>(written)!;

        Assert.All(read.Windows.Series.Values, s => Assert.Empty(s.Closed));
        Assert.Equal(entity.Windows.Series.Values.Sum(s => s.Open.Count), read.Windows.Series.Values.Sum(s => s.Open.Count));
        // A final window is some 90 bytes written (its start, revision and aggregate).
        Assert.True(whole - written.Length >= 50 * final, $"the state without its {final} final windows is {written.Length} B of {whole} B");
    }

    [Fact]
    public async Task Entity_FinalWindowsArchivedThenMore_AllReadBackAfterDeactivation()
    {
        var source = Events.Unique("archive");
        var grain = fixture.Grains.GetGrain<ISourceGrain>(source);
        // One event a minute: the first batch leaves 44 final windows (archived at its write), the second three more.
        await grain.Ingest([.. Enumerable.Range(0, 50).Select(m => Events.Sensor(source, 60 * m, ("pm25", m)))]);
        await grain.Ingest([.. Enumerable.Range(50, 3).Select(m => Events.Sensor(source, 60 * m, ("pm25", m)))]);
        var entity = fixture.Grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(EntityKey.ForSource(new SourceId(source))));
        // The idle timeout (2 s here) makes the last open windows final too; wait for it so nothing changes below.
        var before = await Wait.Until(() => entity.GetWindows(Pm25, TimeSpan.FromMinutes(1), null, null),
            w => w.Length == 53 && w.All(x => x.Final), "53 final one-minute windows");

        await Deactivation.Deactivate(entity);

        var after = await entity.GetWindows(Pm25, TimeSpan.FromMinutes(1), null, null);
        Assert.Equal(before.Select(w => (w.Start, w.Aggregate, w.Revision)), after.Select(w => (w.Start, w.Aggregate, w.Revision)));
    }
}
