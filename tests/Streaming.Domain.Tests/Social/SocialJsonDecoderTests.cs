using static Streaming.Domain.Tests.DecodeFixtures;
using static Streaming.Domain.Tests.SocialFixtures;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class SocialJsonDecoderTests
{
    [Fact]
    public void SocialJson_DocsExample_PostWithPlaceAndPseudonyms()
    {
        // The example in docs/payloads.md, "Social posts".
        var e = OnlyEnvelope(Social(
            """{"id":"p1","source":"council-feed","time":"2026-11-25T10:00:00Z","author":"alice","text":"Road closed by Vivary Park, thanks @TauntonPolice! #Taunton #Roadworks https://www.somerset.gov.uk/roads.","lat":51.0108,"lon":-3.1031,"postcode":"TA1 3JZ","place":"Taunton"}"""));
        var post = Post(e);

        Assert.Equal(("council-feed/p1", "council-feed", EventKind.Social, GoldenTime), (e.Id.Value, e.Source.Value, e.Kind, e.EventTime));
        Assert.Equal($"Road closed by Vivary Park, thanks @{User("tauntonpolice")}! #Taunton #Roadworks https://www.somerset.gov.uk/roads.", post.Text);
        Assert.Equal("user:15796e2b30a80066346d2a2fa75a9be1", post.Author);
        Assert.Equal(["taunton", "roadworks"], post.Hashtags);
        Assert.Equal([User("TauntonPolice")], post.Mentions);
        Assert.Equal(["https://www.somerset.gov.uk/roads"], post.Links);
        Assert.Equal((new GeoPoint(51.0108, -3.1031), "TA1 3JZ", "Taunton"), (post.Location, post.Postcode?.Value, post.PlaceName));
        Assert.Null(e.Entity);
        Assert.Null(e.Sequence);
    }

    [Fact]
    public void SocialJson_MinimalPostOnTopicSource_PostcodeFoundInText()
    {
        var e = OnlyEnvelope(Social(
            """{"id":"p2","time":1795600800000,"author":"@Bob","text":"Flu clinic at ta1 1nw today, ask jo@example.org"}""",
            SocialContext(source: "social-1")));
        var post = Post(e);

        Assert.Equal(("social-1/p2", GoldenTime), (e.Id.Value, e.EventTime));
        Assert.Equal(User("bob"), post.Author);
        Assert.Equal("TA1 1NW", post.Postcode?.Value);
        Assert.Equal((null, null), (post.Location, post.PlaceName));
        Assert.Empty(post.Mentions);
        Assert.Contains("jo@example.org", post.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SocialJson_HandleThatLooksLikePostcode_NotTakenAsOne() =>
        Assert.Null(Post(OnlyEnvelope(Social(
            """{"id":"p","source":"s","time":"2026-11-25T10:00:00Z","author":"a","text":"hi @TA11NW"}"""))).Postcode);

    [Fact]
    public void SocialJson_NoHandleInClear_AuthorAndMentionsOnlyAsPseudonyms()
    {
        var e = OnlyEnvelope(Social(
            """{"id":"p","source":"s","time":"2026-11-25T10:00:00Z","author":"carol_h","text":"@dave_w @Eve_99 @dave_W see you"}"""));
        var post = Post(e);

        Assert.DoesNotContain("dave", post.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("eve", post.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([User("dave_w"), User("eve_99")], post.Mentions);
        Assert.Equal($"@{User("dave_w")} @{User("eve_99")} @{User("dave_w")} see you", post.Text);
        Assert.DoesNotContain("carol", post.Author, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SocialJson_SameBodyTwice_SameEnvelope()
    {
        const string Json = """{"id":"p","source":"s","time":"2026-11-25T10:00:00Z","author":"a","text":"#x @y https://z.org"}""";

        var (a, b) = (OnlyEnvelope(Social(Json)), OnlyEnvelope(Social(Json)));

        Assert.Equal((a.Id, a.EventTime), (b.Id, b.EventTime));
        Assert.Equal((Post(a).Text, Post(a).Author), (Post(b).Text, Post(b).Author));
        Assert.Equal(Post(a).Mentions, Post(b).Mentions);
    }

    [Fact]
    public void SocialJson_DifferentKeys_DifferentPseudonyms()
    {
        const string Json = """{"id":"p","source":"s","time":"2026-11-25T10:00:00Z","author":"a","text":"@b"}""";

        var one = Post(OnlyEnvelope(Social(Json)));
        var other = Post(OnlyEnvelope(Social(Json, SocialContext(key: OtherKey))));

        Assert.NotEqual(one.Author, other.Author);
        Assert.NotEqual(one.Mentions, other.Mentions);
        Assert.Equal([User("b", OtherKey)], other.Mentions);
    }

    [Fact]
    public void SocialJson_MixedArray_BadItemRejectedAtIndexOthersDecoded()
    {
        var result = Social("""
            [
              {"id":"1","source":"s","time":"2026-11-25T10:00:00Z","author":"a","text":"one"},
              {"id":"2","source":"s","time":"2026-11-25T10:00:00Z","text":"no author"},
              {"created_at":"Wed Nov 25 10:00:00 +0000 2026","id_str":"3","text":"tweet","user":{"screen_name":"t"}}
            ]
            """, SocialContext(source: "s"));

        Assert.Equal(["s/1", "twitter:3"], result.Envelopes.Select(e => e.Id.Value));
        Assert.Equal((1, RejectReason.MissingField), (result.Rejections[0].Index, result.Rejections[0].Reason));
    }
}
