using System.Diagnostics;
using System.Text.Json;
using CsCheck;
using static Streaming.Domain.Tests.DecodeFixtures;

namespace Streaming.Domain.Tests;

/// <summary>Untrusted bytes: the decoders never throw, finish quickly and return a well-formed result.</summary>
[Trait("Category", "Domain")]
public sealed class DecoderFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        Golden("sensor-object.json"), Golden("sensor-array-mixed.json"), Golden("senml-rfc8428-5.1.2-multiple-datapoints-time.json"),
        Golden("senml-rfc8428-5.1.3-multiple-measurements.json"), Golden("senml-rfc8428-5.1.5-multiple-datatypes.json"),
        Utf8("""[{"bn":"d:","bt":1e9,"bv":1,"n":"x","v":1e400,"s":2,"t":-1,"x_":0},{"n":"\u00e9\ud83d\ude00","vs":"a"}]"""),
        Utf8("21.5"),
        Utf8("""[{"source":"s","system":"a","type":"patient","id":"1","time":"2026-11-25T10:00:00Z","fields":{"nhsNumber":"9434765919","n":1,"b":true,"z":null}}]"""),
    ];

    private static readonly IdentifierPolicy Identifiers = new([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], IdentifierPolicy.DefaultFields);

    private static readonly Gen<byte> JsonishByte =
        Gen.OneOf<byte>(Gen.Byte, Gen.OneOf("{}[]\":,\\u0123456789abcdefDC-+.eE ntrlsu_".Select(c => (byte)c).ToArray()));

    private static readonly Gen<DecodeContext> Contexts = Gen.OneOf(
        Context(), Context(source: "aq-17", metric: "temp"), Context(limits: new DecodeLimits { MaxEventsPerBody = 3, MaxIdentifierLength = 4 }));

    [Fact]
    public void Decoders_ArbitraryBytes_NeverThrowAndReturnWellFormedResult() =>
        Gen.Select(Gen.OneOf(Gen.Byte.Array[0, 300], JsonishByte.Array[0, 300]), Contexts)
            .Sample((body, ctx) => CheckBoth(body, ctx), iter: 3_000);

    [Fact]
    public void Decoders_MutatedValidJson_NeverThrowAndReturnWellFormedResult() =>
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Select(Gen.Int[0, 100_000], JsonishByte, Gen.Int[0, 2]).Array[1, 6], Contexts)
            .Sample((seed, edits, ctx) => CheckBoth(Mutate(Seeds[seed], edits), ctx), iter: 3_000);

    [Fact]
    public void SensorJson_GeneratedReadings_RoundTripInOrder() =>
        Gen.Select(Gen.Char['a', 'z'].Array[1, 10], Gen.Double[-1e9, 1e9]).Array[1, 20].Sample(generated =>
        {
            var readings = generated.Select((r, i) => new Reading(new string(r.Item1) + i, r.Item2, null)).ToArray();
            using var json = new MemoryStream();
            using (var writer = new Utf8JsonWriter(json))
            {
                writer.WriteStartObject();
                writer.WriteString("source", "gen");
                writer.WriteString("time", GoldenTime);
                writer.WriteStartObject("readings");
                Array.ForEach(readings, r => writer.WriteNumber(r.Metric, r.Value));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            Assert.Equal(readings, Readings(OnlyEnvelope(SensorJsonDecoder.Decode(json.ToArray(), Context()))));
        });

    // "Never hangs": both decoders are linear in the body; two seconds leaves room for a loaded CI machine.
    private static void CheckBoth(byte[] body, DecodeContext ctx)
    {
        var clock = Stopwatch.StartNew();
        CheckWellFormed(body, SensorJsonDecoder.Decode(body, ctx), "sensor");
        CheckWellFormed(body, SenMLDecoder.Decode(body, ctx), "senml");
        var records = RecordJsonDecoder.Decode(body, ctx with { Identifiers = Identifiers });
        CheckWellFormed(body, records, "record", e => Assert.IsType<RecordPayload>(e.Payload));
        // No value that passes the NHS number check is kept in clear, whatever its field is called. A mutated number
        // ("94347659199", eleven digits: a UK phone number's length) is not one, and may be kept.
        Assert.All(records.Envelopes, e => Assert.All(((RecordPayload)e.Payload).Fields.Values, v => Assert.Null(NhsNumber.Normalise(v))));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"decoding {body.Length} bytes took {clock.Elapsed}");
    }

    private static void CheckWellFormed(byte[] body, DecodeResult result, string decoder, Action<EventEnvelope>? check = null)
    {
        Assert.All(result.Rejections, r => Assert.InRange(r.Index, -1, body.Length));
        Assert.All(result.Rejections, r => Assert.False(string.IsNullOrWhiteSpace(r.Detail), $"{decoder}: empty detail"));
        Assert.All(result.Envelopes, check ?? (e => Assert.NotEmpty(Readings(e))));
        if (result.Rejections.Any(r => r.Index == -1))
        {
            Assert.Empty(result.Envelopes);
            Assert.Single(result.Rejections);
        }
    }

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
