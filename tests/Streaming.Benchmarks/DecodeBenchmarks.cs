using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Streaming.Domain;

namespace Streaming.Benchmarks;

/// <summary>
/// Decoding bodies as they arrive: one sensor JSON object, a JSON array of 100 events, a SenML pack of 10 records.
/// Batch results are per event (per record for SenML). Key skew does not change decoding, so there is no skew parameter;
/// the array's sources are still Zipf-drawn so ids and names have realistic lengths. A bare <see cref="JsonDocument"/>
/// parse of the array is measured alongside, as the floor the decoder builds on.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private const int ArrayEvents = 100;
    private const int SenMLRecords = 10;

    private byte[] _single = [];
    private byte[] _array = [];
    private byte[] _senml = [];
    private DecodeContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var sources = new Zipf(1_000, 1.0, random);
        _context = new DecodeContext(
            Provenance.Http("/ingest/sensors", Data.Epoch.AddMinutes(5)), null, null, DecodeLimits.Default);
        _single = Encoding.UTF8.GetBytes(SensorObject(random, "aq-17", Data.Epoch, 42));
        _array = Encoding.UTF8.GetBytes(
            "[" + string.Join(",", Enumerable.Range(0, ArrayEvents).Select(i =>
                SensorObject(random, $"aq-{sources.Next()}", Data.Epoch.AddSeconds(i), i))) + "]");
        _senml = Encoding.UTF8.GetBytes(SenMLPack(random, Data.Epoch));

        Expect(SensorJsonDecoder.Decode(_single, _context), 1);
        Expect(SensorJsonDecoder.Decode(_array, _context), ArrayEvents);
        Expect(SenMLDecoder.Decode(_senml, _context), SenMLRecords / 2);
    }

    [Benchmark]
    public DecodeResult SensorJsonSingle() => SensorJsonDecoder.Decode(_single, _context);

    [Benchmark(OperationsPerInvoke = ArrayEvents)]
    public DecodeResult SensorJsonArray100() => SensorJsonDecoder.Decode(_array, _context);

    /// <summary>Only System.Text.Json's parse of the same array: the floor under <see cref="SensorJsonArray100"/>.</summary>
    [Benchmark(OperationsPerInvoke = ArrayEvents)]
    public int JsonDocumentParseArray100()
    {
        using var document = JsonDocument.Parse(_array);
        return document.RootElement.GetArrayLength();
    }

    [Benchmark(OperationsPerInvoke = SenMLRecords)]
    public DecodeResult SenMLPack10() => SenMLDecoder.Decode(_senml, _context);

    /// <summary>One sensor JSON object with three readings and their units, as a device sends it.</summary>
    internal static string SensorObject(Random random, string source, DateTimeOffset time, long seq) =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"source":"{{source}}","time":"{{time:yyyy-MM-ddTHH:mm:ssZ}}","readings":{"pm25":{{Data.Value(random, 12)}},"no2":{{Data.Value(random, 30)}},"temperature":{{Data.Value(random, 18)}}},"unit":{"pm25":"ug/m3","no2":"ug/m3","temperature":"Cel"},"seq":{{seq}}}""");

    // Five times, two metrics each (RFC 8428 §5.1.3 style): resolves to five envelopes of two readings.
    private static string SenMLPack(Random random, DateTimeOffset time)
    {
        var records = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $$"""{"bn":"urn:dev:ow:10e2073a01080063:","bt":{{time.ToUnixTimeSeconds()}},"n":"temperature","u":"Cel","v":{{Data.Value(random, 18)}}}"""),
            string.Create(CultureInfo.InvariantCulture, $$"""{"n":"humidity","u":"%RH","v":{{Data.Value(random, 30)}}}"""),
        };
        for (var t = 1; t < SenMLRecords / 2; t++)
        {
            records.Add(string.Create(CultureInfo.InvariantCulture, $$"""{"n":"temperature","u":"Cel","t":{{t * 60}},"v":{{Data.Value(random, 18)}}}"""));
            records.Add(string.Create(CultureInfo.InvariantCulture, $$"""{"n":"humidity","u":"%RH","t":{{t * 60}},"v":{{Data.Value(random, 30)}}}"""));
        }
        return "[" + string.Join(",", records) + "]";
    }

    private static void Expect(DecodeResult result, int envelopes)
    {
        if (result.Envelopes.Count != envelopes || result.Rejections.Count != 0)
        {
            throw new InvalidOperationException(
                $"benchmark body decoded to {result.Envelopes.Count} envelopes and {result.Rejections.Count} rejections: "
                + string.Join("; ", result.Rejections.Select(r => r.Detail)));
        }
    }
}
