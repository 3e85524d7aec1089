using static Streaming.Domain.Tests.EventBuilder;

namespace Streaming.Domain.Tests;

/// <summary>Posts and images become one count each, with their hashtags or image reference, and are deduplicated like readings.</summary>
[Trait("Category", "Domain")]
public sealed class ContentCleaningTests
{
    private readonly SourceCleaningState _state = new();
    private readonly CleaningOptions _options = new();

    private static EventEnvelope Post(string id, params string[] hashtags) => Envelope(id, T0) with
    {
        Kind = EventKind.Social,
        Payload = new SocialPayload("text", "user:00", hashtags, [], []),
    };

    private static EventEnvelope Image(string id) => Envelope(id, T0) with
    {
        Kind = EventKind.Media,
        Payload = new MediaPayload("c0ffee", "image/jpeg", 640, 480, 1234, 0xF0F0UL) { ThumbnailHash = "7h", Location = new GeoPoint(51, -3) },
    };

    [Fact]
    public void Post_CountedOnceWithItsHashtagsAsTerms()
    {
        var clean = ContentCleaning.Clean(Post("p1", "nhs", "flu"), _state, _options).Event!;

        Assert.Equal(new CleanReading(ContentCleaning.Posts, 1, "count", ReadingFlags.None), Assert.Single(clean.Readings));
        Assert.Equal(["nhs", "flu"], clean.Terms!);
        Assert.Equal(1, _state.Quality.EventsAccepted);
    }

    [Fact]
    public void Image_CountedWithItsReferenceButNotItsLocation_NearDuplicateFlagged()
    {
        var clean = ContentCleaning.Clean(Image("i1"), _state, _options, nearDuplicateOf: "beef").Event!;

        Assert.Equal(ReadingFlags.NearDuplicate, Assert.Single(clean.Readings).Flags);
        Assert.Equal(new MediaRef("c0ffee", "7h", 640, 480, "beef"), clean.Media);
    }

    [Fact]
    public void SameEnvelopeAgain_RejectedAsDuplicate()
    {
        ContentCleaning.Clean(Post("p1"), _state, _options);

        var again = ContentCleaning.Clean(Post("p1"), _state, _options);

        Assert.Null(again.Event);
        Assert.Equal(RejectReason.Duplicate, Assert.Single(again.Rejections).Reason);
    }

    [Fact]
    public void SensorEnvelope_CleanedByTheSensorRules()
    {
        var outcome = ContentCleaning.Clean(Envelope("s1", T0, Reading("temperature", 400)), _state, _options);

        Assert.Equal(RejectReason.OutOfRange, Assert.Single(outcome.Rejections).Reason);
    }

    [Fact]
    public void PostsThroughEntityAndRollup_TopTermsMergeExactly()
    {
        var options = Windows();
        var (a, b) = (new EntityState(), new EntityState());
        var events = new[] { ("p1", new[] { "nhs", "flu" }), ("p2", ["nhs"]), ("p3", ["covid"]) }
            .Select(p => ContentCleaning.Clean(Post(p.Item1, p.Item2), _state, _options).Event!).ToList();

        var first = EntityModel.Apply(a, events.Take(2).ToList(), options, 100);
        var second = EntityModel.Apply(b, events.Skip(2).ToList(), options, 100);
        var system = new WindowSet();
        foreach (var delta in first.Deltas.Concat(second.Deltas))
        {
            system.Merge(delta, options, []);
        }

        var window = Assert.Single(system.Query(Key(TimeSpan.FromMinutes(1), new SeriesKey(EventKind.Social, ContentCleaning.Posts)), null, null));
        Assert.Equal(3, window.Aggregate.Count);
        Assert.Equal([new TermCount("nhs", 2, 0), new TermCount("covid", 1, 0), new TermCount("flu", 1, 0)], window.Aggregate.TopTerms!);
    }

    [Fact]
    public void ImagesKeptNewestFirst_BoundedPerEntity()
    {
        var state = new EntityState();
        var images = Enumerable.Range(0, EntityModel.RecentMediaKept + 3).Select(i =>
            ContentCleaning.Clean(Image($"i{i}") with { EventTime = At(i) }, _state, _options).Event!).ToList();

        EntityModel.Apply(state, images, Windows(), 100);

        Assert.Equal(EntityModel.RecentMediaKept, state.RecentMedia.Count);
        Assert.Equal(At(EntityModel.RecentMediaKept + 2), state.RecentMedia[0].EventTime);
    }
}
