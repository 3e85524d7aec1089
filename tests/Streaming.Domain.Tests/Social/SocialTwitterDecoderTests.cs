using static Streaming.Domain.Tests.DecodeFixtures;
using static Streaming.Domain.Tests.SocialFixtures;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class SocialTwitterDecoderTests
{
    private static DecodeResult Golden(string name, string? source = "twitter-feed") =>
        SocialJsonDecoder.Decode(DecodeFixtures.Golden(name), SocialContext(source: source));

    [Fact]
    public void Twitter_ExtendedStatusWithEntities_Decoded()
    {
        var e = OnlyEnvelope(Golden("social-twitter-v1.1-extended.json"));
        var post = Post(e);

        Assert.Equal(("twitter:1861234567890123456", "twitter-feed", EventKind.Social), (e.Id.Value, e.Source.Value, e.Kind));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 58, 31, TimeSpan.Zero), e.EventTime);
        Assert.Equal(
            $"@{User("SomersetNHS")} Long queue at Musgrove Park A&E tonight, 3h+ wait > anyone else? #NHS #WinterPressures #Café cc @{User("TauntonNews")} https://t.co/AbC123xyz",
            post.Text);
        Assert.Equal("user:ed856707515784b444e45d7109edc351", post.Author);
        Assert.Equal(["nhs", "winterpressures", "café"], post.Hashtags);
        Assert.Equal([User("somersetnhs"), User("tauntonnews")], post.Mentions);
        Assert.Equal(["https://www.somersetft.nhs.uk/musgrove-park-hospital/"], post.Links);
        Assert.Equal(new GeoPoint(51.0112, -3.1212), post.Location);
        Assert.Equal("Taunton, England", post.PlaceName);
        Assert.Null(post.Postcode);
    }

    [Fact]
    public void Twitter_StatusSourceField_NotUsedAsSource()
    {
        var rejection = OnlyRejection(Golden("social-twitter-v1.1-extended.json", source: null));

        Assert.Equal((0, RejectReason.MissingField), (rejection.Index, rejection.Reason));
        Assert.Contains("source is required", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Twitter_Retweet_PostByRetweeterWithOriginalFullTextAndEntities()
    {
        var e = OnlyEnvelope(Golden("social-twitter-v1.1-retweet.json"));
        var post = Post(e);

        Assert.Equal(("twitter:1861234567890129999", new DateTimeOffset(2026, 11, 25, 9, 59, 2, TimeSpan.Zero)), (e.Id.Value, e.EventTime));
        Assert.Equal(User("retweeter42"), post.Author);
        Assert.Equal(
            $"RT @{User("somersetnhs")}: Flu jabs available this weekend at Taunton Library, TA1 1EH. No appointment needed #FluJab #Taunton https://t.co/FluLink1 with thanks to @{User("tauntonlibrary")}",
            post.Text);
        Assert.Equal(["flujab", "taunton"], post.Hashtags);
        Assert.Equal([User("SomersetNHS"), User("TauntonLibrary")], post.Mentions);
        Assert.Equal(["https://www.nhs.uk/vaccinations/flu-vaccine/"], post.Links);
        Assert.Equal("TA1 1EH", post.Postcode?.Value);
        Assert.Equal((null, null), (post.Location, post.PlaceName)); // the retweeter was not at the original's place
    }

    [Fact]
    public void Twitter_GoldenStatuses_NoHandleInClear()
    {
        foreach (var name in new[] { "social-twitter-v1.1-extended.json", "social-twitter-v1.1-retweet.json" })
        {
            var post = Post(OnlyEnvelope(Golden(name)));
            var stored = string.Join(' ', [post.Text, post.Author, .. post.Mentions]);

            foreach (var handle in new[] { "SomersetNHS", "TauntonNews", "JoBloggs", "Retweeter42", "TauntonLibrary" })
            {
                Assert.DoesNotContain(handle, stored, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void Twitter_LegacyGeoOnly_LatitudeFirst()
    {
        var post = Post(OnlyEnvelope(Social(
            """{"created_at":"Wed Nov 25 10:00:00 +0000 2026","id":42,"text":"hi","user":{"screen_name":"a"},"coordinates":null,"geo":{"type":"Point","coordinates":[51.0,-3.1]}}""",
            SocialContext(source: "s"))));

        Assert.Equal(new GeoPoint(51.0, -3.1), post.Location);
    }

    [Fact]
    public void Twitter_CoordinatesAndGeo_CoordinatesLongitudeFirstWins()
    {
        var post = Post(OnlyEnvelope(Social(
            """{"created_at":"Wed Nov 25 10:00:00 +0000 2026","id_str":"42","text":"hi","user":{"screen_name":"a"},"coordinates":{"type":"Point","coordinates":[-3.1,51.0]},"geo":{"type":"Point","coordinates":[1,2]}}""",
            SocialContext(source: "s"))));

        Assert.Equal(new GeoPoint(51.0, -3.1), post.Location);
    }

    [Fact]
    public void Twitter_NoEntities_ExtractedFromText()
    {
        var e = OnlyEnvelope(Social(
            """{"created_at":"Wed Nov 25 10:00:00 +0000 2026","id_str":"42","text":"Hi @Bob #Flu, see https://nhs.uk/flu.","user":{"screen_name":"a"},"place":null}""",
            SocialContext(source: "s")));
        var post = Post(e);

        Assert.Equal(("twitter:42", GoldenTime), (e.Id.Value, e.EventTime));
        Assert.Equal(["flu"], post.Hashtags);
        Assert.Equal([User("bob")], post.Mentions);
        Assert.Equal(["https://nhs.uk/flu"], post.Links);
        Assert.Null(post.PlaceName);
    }

    [Fact]
    public void Twitter_ExtendedTweetCompatibilityMode_FullTextPreferred()
    {
        var post = Post(OnlyEnvelope(Social(
            """
            {"created_at":"Wed Nov 25 10:00:00 +0000 2026","id_str":"42","text":"Short… https://t.co/x","truncated":true,"user":{"screen_name":"a"},
             "entities":{"hashtags":[],"urls":[{"url":"https://t.co/x","expanded_url":"https://twitter.com/i/web/status/42"}]},
             "extended_tweet":{"full_text":"Short but longer #Full","entities":{"hashtags":[{"text":"Full"},{"text":"not a tag"}],"user_mentions":[],"urls":[]}}}
            """,
            SocialContext(source: "s"))));

        Assert.Equal("Short but longer #Full", post.Text);
        Assert.Equal(["full"], post.Hashtags);
        Assert.Empty(post.Links);
    }

    [Fact]
    public void Twitter_EntityUrlWithoutExpanded_ShortUrlKept()
    {
        var post = Post(OnlyEnvelope(Social(
            """{"created_at":"Wed Nov 25 10:00:00 +0000 2026","id_str":"42","text":"x https://t.co/a","user":{"screen_name":"a"},"entities":{"urls":[{"url":"https://t.co/a","expanded_url":null},{"url":"ftp://t.co/b"}]}}""",
            SocialContext(source: "s"))));

        Assert.Equal(["https://t.co/a"], post.Links);
    }
}
