using System.Text;

namespace Streaming.Domain.Tests;

/// <summary>Contexts, bodies and golden files shared by the decoder tests.</summary>
internal static class DecodeFixtures
{
    /// <summary>The ingest time of every test body: five minutes after the golden files' event time.</summary>
    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 25, 10, 5, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset GoldenTime = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static DecodeContext Context(string? source = null, string? metric = null, DecodeLimits? limits = null) =>
        new(new Provenance(Transport.Mqtt, "sensors/test", null, null, "client-1", ReceivedAt),
            source is null ? null : new SourceId(source), metric, limits ?? DecodeLimits.Default);

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    public static byte[] Golden(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    public static DecodeResult Sensor(string json, DecodeContext? ctx = null) => SensorJsonDecoder.Decode(Utf8(json), ctx ?? Context());

    public static DecodeResult SenML(string json, DecodeContext? ctx = null) => SenMLDecoder.Decode(Utf8(json), ctx ?? Context());

    /// <summary>Asserts the body produced no envelope and exactly one rejection, and returns it.</summary>
    public static Rejection OnlyRejection(DecodeResult result)
    {
        Assert.Empty(result.Envelopes);
        return Assert.Single(result.Rejections);
    }

    /// <summary>Asserts exactly one envelope and no rejection, and returns the envelope.</summary>
    public static EventEnvelope OnlyEnvelope(DecodeResult result)
    {
        Assert.Empty(result.Rejections);
        return Assert.Single(result.Envelopes);
    }

    public static Reading[] Readings(EventEnvelope envelope) => Assert.IsType<SensorPayload>(envelope.Payload).Readings;
}
