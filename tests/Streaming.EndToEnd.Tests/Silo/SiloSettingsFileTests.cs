using System.Net;
using System.Text;

namespace Streaming.EndToEnd.Tests;

/// <summary>The settings file the silo ships with (silo/Streaming.Silo/appsettings.json), read wherever it is started from.</summary>
public sealed class SiloSettingsFileTests
{
    [Fact]
    public async Task StartedFromAnotherFolder_ReadsItsOwnSettingsFile()
    {
        // An empty folder, not the silo's: as `dotnet path/to/Streaming.Silo.dll` from a deploy script. Every category logs
        // at Information unless the shipped file says otherwise; it quiets Polly, whose Orleans placement pipeline logs two
        // lines at Information for every grain activated.
        var elsewhere = Directory.CreateTempSubdirectory("silo-cwd-");
        try
        {
            await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Kafka:Enabled"] = "false",
            }, workingDirectory: elsewhere.FullName);
            await IngestAndStopAsync(silo);

            var output = silo.Output;
            Assert.True(output.Contains("Application is shutting down", StringComparison.Ordinal),
                $"the silo should log its shutdown at Information (so its other Information lines reach the output too):\n{output}");
            // Warnings stay (a placement retried while the silo is still starting logs one).
            Assert.False(output.Contains("info: Polly[", StringComparison.Ordinal),
                $"the shipped appsettings.json sets Polly to Warning, so no Polly line should be logged at Information:\n{output}");
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task CollectionSettings_ReachOrleans_ContradictoryOnesRefusedAtStart()
    {
        // Shedding starts above the limit and stops at the target; a target above the limit is refused by Orleans'
        // own validation, which it only sees if the section is bound.
        var refused = await StartRefusedAsync(
            ("Orleans:Collection:EnableActivationSheddingOnMemoryPressure", "true"),
            ("Orleans:Collection:MemoryUsageLimitPercentage", "60"),
            ("Orleans:Collection:MemoryUsageTargetPercentage", "70"));
        Assert.Contains("MemoryUsageTargetPercentage", refused, StringComparison.Ordinal);
    }

    [Theory]
    // An age at or below the quantum (a second) is refused, naming the class.
    [InlineData("ClassSpecificCollectionAge:Streaming.Grains.EntityGrain", "00:00:01", "Streaming.Grains.EntityGrain CollectionAgeLimit is set to 00:00:01.")]
    // A quantum of ten minutes leaves the 5-minute ages of a source and an entity below it.
    [InlineData("CollectionQuantum", "00:10:00", "CollectionAgeLimit must be greater than CollectionQuantum, which is set to 00:10:00")]
    public async Task GrainCollection_SettingsReplaceTheSensorDefaults(string key, string value, string refusal)
    {
        // A source's and an entity's age and the collection quantum have defaults in code; configured ones must replace
        // them. Orleans' validation refuses these, so its message is proof the setting got there.
        var refused = await StartRefusedAsync(("Orleans:Collection:" + key, value));
        Assert.Contains(refusal, refused, StringComparison.Ordinal);
    }

    // Starts a silo (Kafka off) that must refuse these settings; returns why.
    private static async Task<string> StartRefusedAsync(params (string Key, string Value)[] settings)
    {
        var all = settings.ToDictionary(s => s.Key, s => s.Value);
        all["Kafka:Enabled"] = "false";
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var started = await SiloProcess.StartAsync(all);
        });
        return refused.Message;
    }

    // One event from a new source (two grains placed and activated), then a graceful stop, so every line is out.
    private static async Task IngestAndStopAsync(SiloProcess silo)
    {
        using var body = new StringContent(
            $$"""{"source":"settings-1","time":"{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}}","readings":{"pm25":12.5},"seq":1}""",
            Encoding.UTF8, "application/json");
        using var response = await silo.Http.PostAsync("/api/ingest", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        await silo.StopAsync(TimeSpan.FromSeconds(30));
    }
}
