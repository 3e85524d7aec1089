using System.Net.Http.Json;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>Reads what the silo reports: events applied per entity and dead letters per stage and reason.</summary>
internal static class SiloCounts
{
    public static async Task<long> EventsAppliedAsync(SiloProcess silo, string source)
    {
        var entity = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/entities/source:{source}");
        return entity.GetProperty("eventsApplied").GetInt64();
    }

    public static async Task<long> SumEventsAppliedAsync(SiloProcess silo, IEnumerable<string> sources)
    {
        var counts = await Task.WhenAll(sources.Select(s => EventsAppliedAsync(silo, s)));
        return counts.Sum();
    }

    /// <summary>Dead letters posted since the silo started, keyed <c>Stage/Reason</c>.</summary>
    public static async Task<Dictionary<string, long>> DeadLettersAsync(SiloProcess silo)
    {
        var counts = await silo.Http.GetFromJsonAsync<JsonElement>("/api/deadletters/counts");
        return counts.EnumerateArray().ToDictionary(
            c => $"{c.GetProperty("stage").GetString()}/{c.GetProperty("reason").GetString()}", c => c.GetProperty("count").GetInt64());
    }

    public static async Task<long> DeadLettersAsync(SiloProcess silo, string stageAndReason) =>
        (await DeadLettersAsync(silo)).GetValueOrDefault(stageAndReason);
}
