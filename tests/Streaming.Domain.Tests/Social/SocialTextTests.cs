namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class SocialTextTests
{
    [Theory]
    [InlineData("  hello \t\r\n  world  ", "hello world")]
    [InlineData("a\u0000b\u0007c\u009Fd", "abcd")]
    [InlineData("a \u0001 b", "a b")]
    [InlineData("safe\u202Etxt.exe\u2066x\u2069", "safetxt.exex")]
    [InlineData("no\u00A0break\u2028line\u3000wide", "no break line wide")]
    [InlineData("cafe\u0301", "caf\u00E9")]
    [InlineData("\uFFFEx\uFDD0", "x")]
    [InlineData("family \U0001F468\u200D\U0001F469\u200D\U0001F467", "family \U0001F468\u200D\U0001F469\u200D\U0001F467")]
    [InlineData("", "")]
    public void Normalise_Text_ControlsRemovedSpaceCollapsedNfc(string text, string expected) =>
        Assert.Equal(expected, SocialText.Normalise(text));

    [Fact]
    public void Normalise_LoneSurrogate_ReplacementCharacter() =>
        Assert.Equal("bad \uFFFD half", SocialText.Normalise("bad \uD800 half"));

    [Fact]
    public void Normalise_LongerThanMax_CutWithoutSplittingCharacter()
    {
        Assert.Equal("abc", SocialText.Normalise("abcdef", 3));
        Assert.Equal("ab", SocialText.Normalise("ab\U0001F600", 3));            // a surrogate pair is not split
        Assert.Equal("ab", SocialText.Normalise("abe\u0301\u0302x", 3));         // nor a base letter from its marks (NFC leaves é + ̂)
        Assert.Equal("a", SocialText.Normalise("a bcd", 2));                     // no trailing space after the cut
        Assert.Equal(SocialText.MaxLength, SocialText.Normalise(new string('x', 5000)).Length);
    }

    [Theory]
    [InlineData("Queues again #NHS #nhs #WinterPressures", new[] { "nhs", "winterpressures" })]
    [InlineData("Lunch at the #Café and #CAFÉ", new[] { "café" })]
    [InlineData("Καλημέρα #Ελλάδα #ΕΛΛΆΔΑ", new[] { "ελλάδα" })]
    [InlineData("旅行 #日本 #東京2026", new[] { "日本", "東京2026" })]
    [InlineData("Привет #Москва, #हिन्दी and #العربية!", new[] { "москва", "हिन्दी", "العربية" })]
    [InlineData("we're #1 and #2026 but #covid19 #_x_ #snake_case", new[] { "covid19", "_x_", "snake_case" })]
    [InlineData("no tag: C#sharp a#b #", new string[0])]
    [InlineData("https://example.org/page#top and https://example.org/#anchor #real", new[] { "real" })]
    [InlineData("keycap #\uFE0F\u20E3 emoji", new string[0])]
    public void Hashtags_ManyScripts_CaseFoldedInOrderEachOnce(string text, string[] expected) =>
        Assert.Equal(expected, SocialText.Hashtags(SocialText.Normalise(text)));

    [Fact]
    public void Hashtags_Decomposed_SameAsComposed() =>
        Assert.Equal(["café"], SocialText.Hashtags(SocialText.Normalise("#cafe\u0301 #café")));

    [Theory]
    [InlineData("@alice hi @Bob and @ALICE", new[] { "alice", "Bob" })]
    [InlineData("mail jo.bloggs@example.org or jo@nhs.net", new string[0])]
    [InlineData("(@carol) @dave_99, @e.", new[] { "carol", "dave_99", "e" })]
    [InlineData("@abcdefghijklmno is 15, @abcdefghijklmnop is 16", new[] { "abcdefghijklmno" })]
    [InlineData("@@eve and @ alone and @", new[] { "eve" })]
    [InlineData("see https://mastodon.social/@frank", new string[0])]
    public void Mentions_HandlesNotEmails_InOrderEachOnce(string text, string[] expected) =>
        Assert.Equal(expected, SocialText.Mentions(SocialText.Normalise(text)));

    [Theory]
    [InlineData("See https://nhs.uk/flu.", new[] { "https://nhs.uk/flu" })]
    [InlineData("(see https://nhs.uk/a?b=1), then http://x.org/y!", new[] { "https://nhs.uk/a?b=1", "http://x.org/y" })]
    [InlineData("https://en.wikipedia.org/wiki/Foo_(bar) and https://x.org/a:;,?!", new[] { "https://en.wikipedia.org/wiki/Foo_(bar)", "https://x.org/a" })]
    [InlineData("HTTPS://NHS.UK twice https://nhs.uk https://nhs.uk", new[] { "HTTPS://NHS.UK", "https://nhs.uk" })]
    [InlineData("<https://a.org/x>\"https://b.org\"", new[] { "https://a.org/x", "https://b.org" })]
    [InlineData("not links: ftp://x.org https:// xhttps://a.org http:/x", new string[0])]
    [InlineData("https://例え.jp/パス", new[] { "https://例え.jp/パス" })]
    public void Links_TrailingPunctuationTrimmed(string text, string[] expected) =>
        Assert.Equal(expected, SocialText.Links(SocialText.Normalise(text)));

    [Fact]
    public void ReplaceMentions_EveryMention_ReplacedNoHandleLeft()
    {
        var text = SocialText.Normalise("@Alice thanks, cc @bob and @alice; mail alice@example.org");

        var replaced = SocialText.ReplaceMentions(text, h => "user:" + h.ToLowerInvariant().Length);

        Assert.Equal("@user:5 thanks, cc @user:3 and @user:5; mail alice@example.org", replaced);
    }

    [Fact]
    public void Extractors_ManyTerms_CappedAtMaxTerms()
    {
        var text = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"#t{i} @u{i} https://x.org/{i}"));

        Assert.Equal(SocialText.MaxTerms, SocialText.Hashtags(text).Count);
        Assert.Equal(SocialText.MaxTerms, SocialText.Mentions(text).Count);
        Assert.Equal("https://x.org/0", SocialText.Links(text)[0]);
    }

    [Theory]
    [InlineData("NHS", "nhs")]
    [InlineData("Ελλάδα", "ελλάδα")]
    [InlineData("two words", null)]
    [InlineData("#nhs", null)]
    [InlineData("2026", null)]
    [InlineData("", null)]
    public void Hashtag_EntityText_FoldedOrNull(string tag, string? expected) => Assert.Equal(expected, SocialText.Hashtag(tag));
}
