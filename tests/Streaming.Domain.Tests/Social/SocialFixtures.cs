using System.Text;

namespace Streaming.Domain.Tests;

/// <summary>Contexts and helpers shared by the social decoder tests.</summary>
internal static class SocialFixtures
{
    public static readonly byte[] Key = Encoding.UTF8.GetBytes("test-key");

    public static readonly byte[] OtherKey = Encoding.UTF8.GetBytes("other-key");

    /// <summary>A context at <see cref="DecodeFixtures.ReceivedAt"/> with <see cref="Key"/>, unless told otherwise.</summary>
    public static DecodeContext SocialContext(string? source = null, byte[]? key = null, DecodeLimits? limits = null) =>
        DecodeFixtures.Context(source, limits: limits) with { Identifiers = new IdentifierPolicy(key ?? Key, IdentifierPolicy.DefaultFields) };

    public static DecodeResult Social(string json, DecodeContext? ctx = null) => SocialJsonDecoder.Decode(DecodeFixtures.Utf8(json), ctx ?? SocialContext());

    public static SocialPayload Post(EventEnvelope envelope) => Assert.IsType<SocialPayload>(envelope.Payload);

    public static string User(string handle, byte[]? key = null) => Pseudonym.OfHandle(handle, key ?? Key);
}
