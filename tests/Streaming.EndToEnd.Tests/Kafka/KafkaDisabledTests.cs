using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>With <c>Kafka:Enabled=false</c> the platform ingests and answers as before, publishing nothing.</summary>
[Trait("Category", "EndToEnd")]
public sealed class KafkaDisabledTests
{
    [Fact]
    public async Task KafkaOut_Disabled_IngestsWithoutBroker()
    {
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string> { ["Kafka:Enabled"] = "false" });

        using var response = await silo.Http.PostAsync("/api/ingest", new StringContent(
            """{"source":"kdis-1","time":"2026-11-25T10:00:00Z","readings":{"pm25":12.5},"seq":1}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        var info = await silo.Http.GetFromJsonAsync<JsonElement>("/api/info");
        Assert.Equal(JsonValueKind.Null, info.GetProperty("kafka").ValueKind);
        Assert.Equal($"http://127.0.0.1:{silo.HttpPort}", info.GetProperty("http").GetString());
        Assert.DoesNotContain("Embedded Kafka-protocol broker", silo.Output, StringComparison.Ordinal);
    }
}
