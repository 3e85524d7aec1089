using System.Net.Http.Json;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>One real silo on the embedded default (its in-process Kafka-protocol broker included), shared by a test class.</summary>
public sealed class KafkaSiloFixture : IAsyncLifetime
{
    internal SiloProcess Silo { get; private set; } = null!;

    /// <summary>The embedded broker's address, as <c>GET /api/info</c> tells it.</summary>
    public string BootstrapServers { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartAsync();
        var info = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/info");
        var kafka = info.GetProperty("kafka");
        Assert.True(kafka.GetProperty("embedded").GetBoolean(), $"expected the embedded broker, /api/info said {info}");
        BootstrapServers = kafka.GetProperty("bootstrapServers").GetString()!;
        Assert.StartsWith("127.0.0.1:", BootstrapServers, StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
