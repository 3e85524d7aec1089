using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Streaming.EndToEnd.Tests;

/// <summary>Feeds <c>streaming.ingest.v1</c> with kcat and reads back what the silo and the consumer group made of it.</summary>
internal static class KafkaIngressProbe
{
    public const string Topic = "streaming.ingest.v1";

    /// <summary>Produces <c>key TAB value</c> lines with Debian's kcat (its own librdkafka), keyed so each source keeps one partition.</summary>
    public static async Task ProduceAsync(string bootstrapServers, IEnumerable<(string Key, string Value)> messages)
    {
        var file = Path.Combine(Path.GetTempPath(), $"kafka-in-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(file, messages.Select(m => $"{m.Key}\t{m.Value}"));
        try
        {
            await ProcessRunner.RunAsync("kcat", ["-P", "-b", bootstrapServers, "-t", Topic, "-K", "\t", "-l", file], timeout: TimeSpan.FromSeconds(60));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Events applied to <c>source:{id}</c>; 0 while the entity does not exist yet.</summary>
    public static async Task<long> EventsAppliedAsync(SiloProcess silo, string source)
    {
        using var response = await silo.Http.GetAsync($"/api/entities/source:{source}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return 0;
        }
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventsApplied").GetInt64();
    }

    public static async Task<long> SumEventsAppliedAsync(SiloProcess silo, IEnumerable<string> sources) =>
        (await Task.WhenAll(sources.Select(s => EventsAppliedAsync(silo, s)))).Sum();

    /// <summary>Sum of the counts of a source's 1 h pm25 windows.</summary>
    public static async Task<long> WindowCountAsync(SiloProcess silo, string source) =>
        (await silo.Http.GetFromJsonAsync<JsonElement>($"/api/entities/source:{source}/windows?metric=pm25&size=1h"))
            .EnumerateArray().Sum(w => w.GetProperty("count").GetInt64());

    /// <summary>
    /// The group's committed offset and the log end of every partition of the topic, as <c>p:committed/end</c>. Reads with
    /// OffsetFetch and ListOffsets (which the mock cluster serves) from a consumer that never joins the group.
    /// </summary>
    public static string CommittedVersusEnd(string bootstrapServers, string groupId)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers, GroupId = groupId, EnableAutoCommit = false,
        }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var partitions = admin.GetMetadata(Topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(Topic, p.PartitionId)).OrderBy(p => p.Partition.Value).ToList();
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10));
        var text = new StringBuilder();
        foreach (var c in committed)
        {
            var end = consumer.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(10)).High;
            text.Append(CultureInfo.InvariantCulture, $"{c.Partition.Value}:{c.Offset.Value}/{end.Value} ");
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>True when every partition's committed offset equals its log end (nothing consumed is left uncommitted).</summary>
    public static bool AllCommitted(string committedVersusEnd) =>
        committedVersusEnd.Split(' ').All(p => p.Split(':')[1].Split('/') is [var c, var e] && (c == e || e == "0"));

    /// <summary>This silo's dead-letter counts since start-up, keyed <c>Stage/Reason</c>.</summary>
    public static async Task<Dictionary<string, long>> DeadLettersAsync(SiloProcess silo) =>
        (await silo.Http.GetFromJsonAsync<JsonElement>("/api/deadletters/counts")).EnumerateArray().ToDictionary(
            c => $"{c.GetProperty("stage").GetString()}/{c.GetProperty("reason").GetString()}", c => c.GetProperty("count").GetInt64());

    /// <summary>The Kafka bootstrap servers a silo reports in <c>GET /api/info</c>.</summary>
    public static async Task<string> BootstrapServersAsync(SiloProcess silo) =>
        (await silo.Http.GetFromJsonAsync<JsonElement>("/api/info")).GetProperty("kafka").GetProperty("bootstrapServers").GetString()!;
}
