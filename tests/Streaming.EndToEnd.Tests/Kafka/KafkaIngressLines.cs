using System.Globalization;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// Sensor events for <c>streaming.ingest.v1</c>: keyed by source, which the value does not repeat (the key is the source),
/// each with its own id and a time increasing per source; every <c>malformedEvery</c>-th line is cut short (malformed JSON).
/// </summary>
internal sealed record KafkaIngressLines(IReadOnlyList<(string Key, string Value)> Messages, IReadOnlyList<string> Sources,
    IReadOnlyDictionary<string, int> GoodPerSource, int Malformed)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public int Good => GoodPerSource.Values.Sum();

    public static KafkaIngressLines Create(string prefix, int sources, int count, int malformedEvery)
    {
        var names = Enumerable.Range(0, sources).Select(i => $"{prefix}-{i:00}").ToArray();
        var messages = new List<(string, string)>(count);
        var good = names.ToDictionary(n => n, _ => 0);
        var malformed = 0;
        for (var i = 0; i < count; i++)
        {
            var source = names[i % sources];
            var n = i / sources;
            var time = Start.AddSeconds(n * 5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var value = FormattableString.Invariant($$"""{"time":"{{time}}","readings":{"pm25":{{i % 97 + 0.5}}},"id":"{{source}}-{{n}}"}""");
            if (malformedEvery > 0 && i % malformedEvery == malformedEvery - 1)
            {
                value = value[..(value.Length / 2)];
                malformed++;
            }
            else
            {
                good[source]++;
            }
            messages.Add((source, value));
        }
        return new KafkaIngressLines(messages, names, good, malformed);
    }
}
