using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>One message as an independent Kafka client read it: key, headers and the JSON value.</summary>
internal sealed record KafkaRecord(int Partition, long Offset, string? Key, IReadOnlyDictionary<string, string> Headers, JsonElement Value)
{
    public string Header(string name) =>
        Headers.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"header {name} missing; headers: {string.Join(", ", Headers)}");
}
