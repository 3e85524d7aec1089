using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Streaming.Harness;

/// <summary>
/// The sensor JSON of docs/payloads.md, one event per message, with an envelope id (<c>"id"</c>) the harness can
/// match where the event comes out: the platform carries it as the clean event's <c>id</c> and <c>ce_id</c> header.
/// The id is the first field, so the bare-transport subscriber reads it without parsing the rest.
/// </summary>
/// <summary>What the open-loop generator sends: message k, from which source.</summary>
internal interface IMessages
{
    /// <summary>The source (sender) of the <paramref name="n"/>th message the generator sends, counting every step.</summary>
    string Source(long n);

    /// <summary>Message <paramref name="k"/> of the step whose ids start with <paramref name="prefix"/>.</summary>
    byte[] Event(string prefix, long k, string source, DateTimeOffset time);
}

internal sealed class SensorMessages(int sources) : IMessages
{
    // Values stay inside the physical ranges of MetricCatalog and move a little each time, so cleaning passes them
    // as they are (no range rejection, no stuck or spike flags dominating).
    private readonly Random _random = new(42);
    private readonly int _width = Math.Max(5, sources.ToString(CultureInfo.InvariantCulture).Length);

    public int Sources { get; } = sources;

    /// <summary>The source id of the <paramref name="n"/>th event: <c>dev-00001</c>.. in turn, each every <see cref="Sources"/> events.</summary>
    public string Source(long n) => "dev-" + ((n % Sources) + 1).ToString(CultureInfo.InvariantCulture).PadLeft(_width, '0');

    public static string Id(string prefix, long k) => prefix + "-" + k.ToString(CultureInfo.InvariantCulture);

    /// <summary>One event: <c>{"id":..,"source":..,"time":..,"readings":{pm25, no2, temperature},"seq":k}</c>.</summary>
    public byte[] Event(string prefix, long k, string source, DateTimeOffset time)
    {
        var pm25 = 5 + (_random.NextDouble() * 30);
        var no2 = 10 + (_random.NextDouble() * 40);
        var temperature = 15 + (_random.NextDouble() * 10);
        var json = string.Create(CultureInfo.InvariantCulture,
            $"{{\"id\":\"{Id(prefix, k)}\",\"source\":\"{source}\",\"time\":\"{time.UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffffZ}\",\"readings\":{{\"pm25\":{pm25:F2},\"no2\":{no2:F2},\"temperature\":{temperature:F2}}},\"seq\":{k}}}");
        return Encoding.UTF8.GetBytes(json);
    }

    /// <summary>Splits an id made by <see cref="Id"/> into its prefix and number; false for anything else.</summary>
    public static bool TryParseId(ReadOnlySpan<byte> id, out string prefix, out long k)
    {
        var dash = id.LastIndexOf((byte)'-');
        prefix = "";
        k = 0;
        if (dash <= 0 || !Utf8Parser.TryParse(id[(dash + 1)..], out k, out var consumed) || consumed != id.Length - dash - 1)
        {
            return false;
        }
        prefix = Encoding.UTF8.GetString(id[..dash]);
        return true;
    }

    /// <summary>The id of a message made by <see cref="Event"/>: the value of its first field.</summary>
    public static ReadOnlySpan<byte> IdOf(ReadOnlySpan<byte> payload)
    {
        ReadOnlySpan<byte> head = "{\"id\":\""u8;
        if (!payload.StartsWith(head))
        {
            return [];
        }
        var rest = payload[head.Length..];
        var end = rest.IndexOf((byte)'"');
        return end < 0 ? [] : rest[..end];
    }
}
