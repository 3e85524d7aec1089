using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>Debian's kcat, an independent Kafka client built on its own librdkafka, reading a topic to its end.</summary>
internal static class Kcat
{
    /// <summary>Every message of <paramref name="topic"/> now on the broker, oldest first per partition.</summary>
    public static async Task<IReadOnlyList<KafkaRecord>> ConsumeAllAsync(string bootstrapServers, string topic)
    {
        // -J: one JSON object per message, headers as a flat [name, value, ...] array; -e: exit at the end of every partition.
        var result = await ProcessRunner.RunAsync("kcat", ["-C", "-b", bootstrapServers, "-t", topic, "-o", "beginning", "-e", "-q", "-J"],
            timeout: TimeSpan.FromSeconds(30));
        var records = new List<KafkaRecord>();
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var headers = new Dictionary<string, string>();
            if (root.TryGetProperty("headers", out var flat))
            {
                var items = flat.EnumerateArray().Select(h => h.GetString() ?? "").ToArray();
                for (var i = 0; i + 1 < items.Length; i += 2)
                {
                    headers[items[i]] = items[i + 1];
                }
            }
            var key = root.GetProperty("key").ValueKind == JsonValueKind.Null ? null : root.GetProperty("key").GetString();
            using var value = JsonDocument.Parse(root.GetProperty("payload").GetString()!);
            records.Add(new KafkaRecord(root.GetProperty("partition").GetInt32(), root.GetProperty("offset").GetInt64(), key, headers,
                value.RootElement.Clone()));
        }
        return records;
    }
}
