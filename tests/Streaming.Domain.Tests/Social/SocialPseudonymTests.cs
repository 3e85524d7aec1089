using static Streaming.Domain.Tests.SocialFixtures;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class SocialPseudonymTests
{
    [Fact]
    public void OfHandle_KnownKey_MatchesHmacSha256OfPrefixedFoldedHandle() =>
        // HMAC-SHA256(key "test-key", "user:alice"), first 16 bytes: pinned so a change that would break links between deployments fails here.
        Assert.Equal("user:15796e2b30a80066346d2a2fa75a9be1", Pseudonym.OfHandle("alice", Key));

    [Fact]
    public void OfHandle_SameKey_StableAcrossCaseAndAt()
    {
        var a = Pseudonym.OfHandle("Alice", Key);

        Assert.Equal(a, Pseudonym.OfHandle("alice", Key));
        Assert.Equal(a, Pseudonym.OfHandle("@ALICE", Key));
        Assert.Matches("^user:[0-9a-f]{32}$", a);
    }

    [Fact]
    public void OfHandle_OtherKeyOrHandle_Differs()
    {
        var a = Pseudonym.OfHandle("alice", Key);

        Assert.NotEqual(a, Pseudonym.OfHandle("alice", OtherKey));
        Assert.NotEqual(a, Pseudonym.OfHandle("alice2", Key));
    }

    [Fact]
    public void OfHandle_SameDigitsAsNhsNumber_DiffersFromItsPseudonym() =>
        Assert.NotEqual(NhsNumber.Pseudonymise("9434765919", Key)[4..], Pseudonym.OfHandle("9434765919", Key)[5..]);

    [Fact]
    public void OfHandle_EmptyKey_Throws() => Assert.Throws<ArgumentException>(() => Pseudonym.OfHandle("alice", []));
}
