using static Streaming.Domain.Tests.DecodeFixtures;
using static Streaming.Domain.Tests.SocialFixtures;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class SocialJsonDecoderRejectionTests
{
    private const string Ok = "\"id\":\"p\",\"time\":\"2026-11-25T10:00:00Z\",\"author\":\"a\",\"text\":\"hi\"";
    private const string Tw = "\"created_at\":\"Wed Nov 25 10:00:00 +0000 2026\",\"id_str\":\"42\",\"text\":\"hi\",\"user\":{\"screen_name\":\"a\"}";

    [Theory]
    [InlineData("{", RejectReason.Malformed)]
    [InlineData("", RejectReason.Malformed)]
    [InlineData("{} x", RejectReason.Malformed)]
    [InlineData("[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]", RejectReason.Malformed)]
    [InlineData("\"text\"", RejectReason.WrongType)]
    [InlineData("42", RejectReason.WrongType)]
    [InlineData("{\"text\":\"\\ud800\"}", RejectReason.Malformed)]
    public void Social_BodyUnreadable_FailsWholeBody(string json, RejectReason reason)
    {
        var rejection = OnlyRejection(Social(json, SocialContext(source: "s")));

        Assert.Equal((-1, reason), (rejection.Index, rejection.Reason));
    }

    [Theory]
    [InlineData("{" + Ok + "}", RejectReason.MissingField, "source is required")]
    [InlineData("{\"source\":\"s\",\"time\":\"2026-11-25T10:00:00Z\",\"author\":\"a\",\"text\":\"hi\"}", RejectReason.MissingField, "id is required")]
    [InlineData("{\"source\":\"s\",\"id\":\"p\",\"author\":\"a\",\"text\":\"hi\"}", RejectReason.MissingField, "time is required")]
    [InlineData("{\"source\":\"s\",\"id\":\"p\",\"time\":\"2026-11-25T10:00:00Z\",\"text\":\"hi\"}", RejectReason.MissingField, "author is required")]
    [InlineData("{\"source\":\"s\",\"id\":\"p\",\"time\":\"2026-11-25T10:00:00Z\",\"author\":\"a\"}", RejectReason.MissingField, "text is required")]
    [InlineData("{\"source\":\"s\",\"id\":\"p\",\"time\":\"2026-11-25T10:00:00Z\",\"author\":\"a\",\"text\":\" \\u0007 \"}", RejectReason.MissingField, "text is empty")]
    [InlineData("{\"source\":\"s\",\"id\":\"p\",\"time\":\"2026-11-25T10:00:00Z\",\"author\":\" \",\"text\":\"hi\"}", RejectReason.MissingField, "author is empty")]
    [InlineData("{\"source\":\"s\",\"id\":7,\"time\":\"2026-11-25T10:00:00Z\",\"author\":\"a\",\"text\":\"hi\"}", RejectReason.WrongType, "id must be a string")]
    [InlineData("{\"source\":\"s\",\"id\":\"p\",\"time\":\"2026-11-25T10:00:00Z\",\"author\":[],\"text\":\"hi\"}", RejectReason.WrongType, "author must be a string")]
    [InlineData("{\"source\":\"s\",\"id\":\"p\",\"time\":\"2026-11-25T10:00:00Z\",\"author\":\"a\",\"text\":{}}", RejectReason.WrongType, "text must be a string")]
    [InlineData("{\"source\":\"s\",\"id\":\"p\",\"time\":\"yesterday\",\"author\":\"a\",\"text\":\"hi\"}", RejectReason.BadTime, "ISO 8601")]
    [InlineData("{\"source\":\"s\",\"id\":\"p\",\"time\":\"2026-11-25T10:16:00Z\",\"author\":\"a\",\"text\":\"hi\"}", RejectReason.BadTime, "ahead of the ingest time")]
    [InlineData("{\"source\":\"s\",\"id\":\"p\",\"time\":true,\"author\":\"a\",\"text\":\"hi\"}", RejectReason.WrongType, "time must be")]
    [InlineData("{\"source\":\"s\"," + Ok + ",\"lat\":51}", RejectReason.WrongType, "lat and lon")]
    [InlineData("{\"source\":\"s\"," + Ok + ",\"lat\":\"51\",\"lon\":-3}", RejectReason.WrongType, "lat and lon")]
    [InlineData("{\"source\":\"s\"," + Ok + ",\"lat\":91,\"lon\":-3}", RejectReason.OutOfRange, "within ±90")]
    [InlineData("{\"source\":\"s\"," + Ok + ",\"lat\":51,\"lon\":-181}", RejectReason.OutOfRange, "±180")]
    [InlineData("{\"source\":\"s\"," + Ok + ",\"lat\":1e999,\"lon\":0}", RejectReason.OutOfRange, "finite")]
    [InlineData("{\"source\":\"s\"," + Ok + ",\"postcode\":\"TA1\"}", RejectReason.WrongType, "postcode must be a valid UK postcode")]
    [InlineData("{\"source\":\"s\"," + Ok + ",\"postcode\":12345}", RejectReason.WrongType, "postcode must be a valid UK postcode")]
    [InlineData("{\"source\":\"s\"," + Ok + ",\"place\":5}", RejectReason.WrongType, "place must be a string")]
    [InlineData("{\"source\":\"s\"," + Ok + ",\"id\":\"q\"}", RejectReason.Malformed, "field 'id' appears twice")]
    public void SocialJson_BadItem_RejectedWithReasonAndDetail(string json, RejectReason reason, string detail)
    {
        var rejection = OnlyRejection(Social(json));

        Assert.Equal((0, reason), (rejection.Index, rejection.Reason));
        Assert.Contains(detail, rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{" + Tw + "}", null, RejectReason.MissingField, "source is required")]
    [InlineData("{\"created_at\":\"Wed Nov 25 10:00:00 +0000 2026\",\"text\":\"hi\",\"user\":{\"screen_name\":\"a\"}}", "s", RejectReason.MissingField, "id_str (or id) is required")]
    [InlineData("{\"id_str\":\"42\",\"text\":\"hi\",\"user\":{\"screen_name\":\"a\"}}", "s", RejectReason.MissingField, "created_at is required")]
    [InlineData("{\"created_at\":\"Wed Nov 25 10:00:00 +0000 2026\",\"id_str\":\"42\",\"text\":\"hi\"}", "s", RejectReason.MissingField, "user.screen_name is required")]
    [InlineData("{\"created_at\":\"Wed Nov 25 10:00:00 +0000 2026\",\"id_str\":\"42\",\"text\":\"hi\",\"user\":{\"name\":\"A\"}}", "s", RejectReason.MissingField, "user.screen_name is required")]
    [InlineData("{\"created_at\":\"Wed Nov 25 10:00:00 +0000 2026\",\"id_str\":\"42\",\"text\":\"hi\",\"user\":\"a\"}", "s", RejectReason.WrongType, "user must be an object")]
    [InlineData("{\"created_at\":\"Wed Nov 25 10:00:00 +0000 2026\",\"id_str\":\"42\",\"user\":{\"screen_name\":\"a\"}}", "s", RejectReason.MissingField, "text (or full_text) is required")]
    [InlineData("{\"created_at\":\"Wed Nov 25 10:00:00 +0000 2026\",\"id_str\":\"4x2\",\"text\":\"hi\",\"user\":{\"screen_name\":\"a\"}}", "s", RejectReason.WrongType, "id_str must be a string of digits")]
    [InlineData("{\"created_at\":\"Wed Nov 25 10:00:00 +0000 2026\",\"id\":-1,\"text\":\"hi\",\"user\":{\"screen_name\":\"a\"}}", "s", RejectReason.WrongType, "id must not be negative")]
    [InlineData("{\"created_at\":\"Wed Nov 25 10:00:00 +0000 2026\",\"id\":1.5,\"text\":\"hi\",\"user\":{\"screen_name\":\"a\"}}", "s", RejectReason.WrongType, "id must be a whole number")]
    [InlineData("{\"created_at\":\"2026-11-25T10:00:00Z\",\"id_str\":\"42\",\"text\":\"hi\",\"user\":{\"screen_name\":\"a\"}}", "s", RejectReason.BadTime, "not a Twitter time")]
    [InlineData("{\"created_at\":\"Thu Nov 25 10:00:00 +0000 2026\",\"id_str\":\"42\",\"text\":\"hi\",\"user\":{\"screen_name\":\"a\"}}", "s", RejectReason.BadTime, "not a Twitter time")]
    [InlineData("{\"created_at\":\"Wed Nov 25 10:20:00 +0000 2026\",\"id_str\":\"42\",\"text\":\"hi\",\"user\":{\"screen_name\":\"a\"}}", "s", RejectReason.BadTime, "ahead of the ingest time")]
    [InlineData("{\"created_at\":1795600800,\"id_str\":\"42\",\"text\":\"hi\",\"user\":{\"screen_name\":\"a\"}}", "s", RejectReason.WrongType, "created_at must be a string")]
    [InlineData("{" + Tw + ",\"coordinates\":{\"type\":\"Point\",\"coordinates\":[-3.1]}}", "s", RejectReason.WrongType, "coordinates must be a Point")]
    [InlineData("{" + Tw + ",\"coordinates\":{\"type\":\"Polygon\",\"coordinates\":[-3.1,51]}}", "s", RejectReason.WrongType, "coordinates must be a Point")]
    [InlineData("{" + Tw + ",\"coordinates\":{\"type\":1,\"coordinates\":[-3.1,51]}}", "s", RejectReason.WrongType, "coordinates must be a Point")]
    [InlineData("{" + Tw + ",\"coordinates\":{\"type\":\"Point\",\"coordinates\":[51,-200]}}", "s", RejectReason.OutOfRange, "coordinates [lon, lat]")]
    [InlineData("{" + Tw + ",\"coordinates\":{\"type\":\"Point\",\"coordinates\":[\"-3\",\"51\"]}}", "s", RejectReason.WrongType, "coordinates [lon, lat] must be numbers")]
    [InlineData("{" + Tw + ",\"geo\":{\"type\":\"Point\",\"coordinates\":[-100,3]}}", "s", RejectReason.OutOfRange, "geo [lat, lon]")]
    [InlineData("{" + Tw + ",\"geo\":[51,-3]}", "s", RejectReason.WrongType, "geo must be a Point")]
    [InlineData("{" + Tw + ",\"place\":\"Taunton\"}", "s", RejectReason.WrongType, "place must be an object")]
    [InlineData("{" + Tw + ",\"place\":{\"full_name\":7}}", "s", RejectReason.WrongType, "place.full_name must be a string")]
    [InlineData("{" + Tw + ",\"entities\":[]}", "s", RejectReason.WrongType, "entities must be an object")]
    [InlineData("{" + Tw + ",\"entities\":{\"hashtags\":{}}}", "s", RejectReason.WrongType, "entities.hashtags must be an array")]
    [InlineData("{" + Tw + ",\"entities\":{\"urls\":[1]}}", "s", RejectReason.WrongType, "entities.urls must hold objects")]
    [InlineData("{" + Tw + ",\"entities\":{\"user_mentions\":[{\"screen_name\":5}]}}", "s", RejectReason.WrongType, "entities.user_mentions[].screen_name must be a string")]
    [InlineData("{" + Tw + ",\"retweeted_status\":{\"text\":\"orig\"}}", "s", RejectReason.MissingField, "retweeted_status.user.screen_name is required")]
    [InlineData("{" + Tw + ",\"retweeted_status\":true}", "s", RejectReason.WrongType, "retweeted_status must be an object")]
    public void Twitter_BadStatus_RejectedWithReasonAndDetail(string json, string? source, RejectReason reason, string detail)
    {
        var rejection = OnlyRejection(Social(json, SocialContext(source: source)));

        Assert.Equal((0, reason), (rejection.Index, rejection.Reason));
        Assert.Contains(detail, rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"source\":\"s\"," + Ok + "}")]
    [InlineData("{" + Tw + "}")]
    public void Social_NoPseudonymisationKey_RefusedNeverStoredInClear(string json)
    {
        var noKey = DecodeFixtures.Context("s") with { Identifiers = new IdentifierPolicy(null, IdentifierPolicy.DefaultFields) };

        foreach (var ctx in new[] { noKey, SocialContext(source: "s", key: []) })
        {
            var rejection = OnlyRejection(Social(json, ctx));

            Assert.Equal((0, RejectReason.InvalidIdentifier), (rejection.Index, rejection.Reason));
            Assert.Contains("no pseudonymisation key is configured", rejection.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Social_SourceDiffersFromTopic_WrongTypeNamingBoth()
    {
        var rejection = OnlyRejection(Social("{\"source\":\"x\"," + Ok + "}", SocialContext(source: "y")));

        Assert.Equal(RejectReason.WrongType, rejection.Reason);
        Assert.Equal("source in body 'x' does not match topic source 'y'", rejection.Detail);
    }

    [Fact]
    public void Social_BodyOverLimit_TooLargeBeforeParsing()
    {
        var rejection = OnlyRejection(SocialJsonDecoder.Decode(Enumerable.Repeat((byte)'{', 65).ToArray(), SocialContext(limits: new DecodeLimits { MaxBodyBytes = 64 })));

        Assert.Equal((-1, RejectReason.TooLarge), (rejection.Index, rejection.Reason));
        Assert.Contains("65 bytes", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Social_MoreItemsThanLimit_FailsWithoutDecodingAny()
    {
        var ctx = SocialContext(source: "s", limits: new DecodeLimits { MaxEventsPerBody = 2 });

        var over = OnlyRejection(Social("[1,2,3]", ctx));
        var atLimit = Social("[1,2]", ctx);

        Assert.Equal((-1, RejectReason.TooLarge), (over.Index, over.Reason));
        Assert.Equal([(0, RejectReason.WrongType), (1, RejectReason.WrongType)], atLimit.Rejections.Select(r => (r.Index, r.Reason)));
    }

    [Fact]
    public void Social_TextOverReadLimit_TooLarge()
    {
        var text = new string('a', (4 * SocialText.MaxLength) + 1);

        var rejection = OnlyRejection(Social("{\"source\":\"s\",\"id\":\"p\",\"time\":\"2026-11-25T10:00:00Z\",\"author\":\"a\",\"text\":\"" + text + "\"}"));

        Assert.Equal((0, RejectReason.TooLarge), (rejection.Index, rejection.Reason));
    }

    [Fact]
    public void Social_LongTextWithinReadLimit_CutToMaxLength()
    {
        var text = string.Concat(Enumerable.Repeat("word ", 1000));

        var post = Post(OnlyEnvelope(Social("{\"source\":\"s\",\"id\":\"p\",\"time\":\"2026-11-25T10:00:00Z\",\"author\":\"a\",\"text\":\"" + text + "\"}")));

        Assert.True(post.Text.Length <= SocialText.MaxLength);
    }

    [Fact]
    public void Social_IdentifierOverLimit_TooLarge()
    {
        var rejection = OnlyRejection(Social("{\"source\":\"s\",\"id\":\"" + new string('p', 200) + "\",\"time\":\"2026-11-25T10:00:00Z\",\"author\":\"a\",\"text\":\"hi\"}"));

        Assert.Equal((0, RejectReason.TooLarge), (rejection.Index, rejection.Reason));
    }
}
