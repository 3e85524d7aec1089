using System.Text;
using CsCheck;
using static Streaming.Domain.Tests.DecodeFixtures;
using static Streaming.Domain.Tests.SocialFixtures;

namespace Streaming.Domain.Tests;

/// <summary>Untrusted posts: the social decoder and text rules never throw, and no handle survives in clear.</summary>
[Trait("Category", "Domain")]
public sealed class SocialDecoderFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        Golden("social-twitter-v1.1-extended.json"),
        Golden("social-twitter-v1.1-retweet.json"),
        Utf8("""[{"id":"p","source":"s","time":"2026-11-25T10:00:00Z","author":"alice","text":"@bob #Tag https://x.org/a. TA1 1NW","lat":51,"lon":-3}]"""),
    ];

    private static readonly Gen<byte> JsonishByte =
        Gen.OneOf<byte>(Gen.Byte, Gen.OneOf("{}[]\":,\\@#u0123456789abcdef-+.eE ntrlsu_".Select(c => (byte)c).ToArray()));

    private static readonly Gen<string> PostText = Gen.OneOf(
        Gen.String,
        Gen.Char.Array[0, 200].Select(c => new string(c)),
        Gen.OneOf(Gen.Const("@"), Gen.Const("#"), Gen.Const("https://"), Gen.Const(" "), Gen.Const("é"), Gen.Const("日本"),
            Gen.Const("\u0301"), Gen.Const("\uD83D"), Gen.Const(")"), Gen.Const("."), Gen.Const("ab_1")).Array[0, 60].Select(string.Concat));

    [Fact]
    public void Social_MutatedBodies_NeverThrowAndReturnWellFormedResult() =>
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Select(Gen.Int[0, 100_000], JsonishByte, Gen.Int[0, 2]).Array[1, 6])
            .Sample((seed, edits) =>
            {
                var body = Mutate(Seeds[seed], edits);
                var result = SocialJsonDecoder.Decode(body, SocialContext(source: "s"));

                Assert.All(result.Rejections, r => Assert.False(string.IsNullOrWhiteSpace(r.Detail)));
                Assert.All(result.Envelopes, e => Assert.StartsWith("user:", Post(e).Author, StringComparison.Ordinal));
                Assert.True(result.Rejections.All(r => r.Index >= 0) || (result.Envelopes.Count == 0 && result.Rejections.Count == 1));
            }, iter: 2_000);

    [Fact]
    public void SocialText_AnyText_NormalisedIdempotentAndNoMentionLeft() =>
        PostText.Sample(raw =>
        {
            var text = SocialText.Normalise(raw);
            var stored = SocialText.ReplaceMentions(text, h => Pseudonym.OfHandle(h, Key));

            Assert.Equal(text, SocialText.Normalise(text));
            Assert.True(text.Length <= SocialText.MaxLength);
            Assert.True(text.IsNormalized(NormalizationForm.FormC));
            Assert.All(SocialText.Mentions(stored), m => Assert.StartsWith("user", m, StringComparison.Ordinal));
            Assert.All(SocialText.Hashtags(text), h => Assert.Equal(h, h.ToLowerInvariant()));
            Assert.All(SocialText.Links(text), l => Assert.True(SocialText.IsLink(l)));
        });

    private static byte[] Mutate(byte[] seed, (int Position, byte Value, int Op)[] edits)
    {
        var bytes = seed.ToList();
        foreach (var (position, value, op) in edits)
        {
            var at = bytes.Count == 0 ? 0 : position % bytes.Count;
            switch (op)
            {
                case 0 when bytes.Count > 0: bytes[at] = value; break;
                case 1: bytes.Insert(at, value); break;
                case 2 when bytes.Count > 0: bytes.RemoveAt(at); break;
            }
        }

        return [.. bytes];
    }
}
