using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// kafkajs (npm), a Kafka client written from scratch in JavaScript, run through tests/node/consume-aggregates.mjs.
/// Its package comes from tests/node/package-lock.json: scripts/test.sh runs <c>npm ci</c>, and so does the first
/// use here when node_modules is missing.
/// </summary>
internal static class KafkaJs
{
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    /// <summary>Reads <paramref name="topic"/> from the beginning in a new consumer group, up to its current end.</summary>
    public static async Task<IReadOnlyList<KafkaRecord>> ConsumeAllAsync(string bootstrapServers, string topic)
    {
        await Installed.Value;
        var group = "e2e-" + Guid.NewGuid().ToString("N");
        var result = await ProcessRunner.RunAsync("node",
            [Path.Combine(NodeFolder, "consume-aggregates.mjs"), "--brokers", bootstrapServers, "--topic", topic, "--group", group, "--timeout-ms", "30000"],
            timeout: TimeSpan.FromSeconds(45), workingDirectory: NodeFolder);
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];
    }

    private static string NodeFolder => Path.Combine(RepositoryRoot.Find(), "tests", "node");

    private static async Task InstallAsync()
    {
        if (!File.Exists(Path.Combine(NodeFolder, "node_modules", "kafkajs", "package.json")))
        {
            await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], timeout: TimeSpan.FromMinutes(3), workingDirectory: NodeFolder);
        }
    }

    private static KafkaRecord Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var headers = root.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString() ?? "");
        var key = root.GetProperty("key").ValueKind == JsonValueKind.Null ? null : root.GetProperty("key").GetString();
        return new KafkaRecord(root.GetProperty("partition").GetInt32(), root.GetProperty("offset").GetInt64(), key, headers,
            root.GetProperty("value").Clone());
    }
}
