using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Streaming.EndToEnd.Tests;

/// <summary>The production configuration (clustering and grain state in PostgreSQL), chosen by configuration alone.</summary>
[Collection(PostgresCollection.Name), Trait("Category", "EndToEnd")]
public sealed class PostgresSiloTests(PostgresFixture postgres)
{
    /// <summary>Settings for a silo on a database of its own, with failure detection shortened so a killed silo is seen in seconds.</summary>
    internal static async Task<Dictionary<string, string>> ProductionSettings(PostgresFixture postgres, string name) => new()
    {
        ["ConnectionStrings:Orleans"] = await postgres.CreateDatabaseAsync(name),
        ["Orleans:ClusterId"] = name,
        ["Orleans:ServiceId"] = name,
        ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
        ["Orleans:Membership:NumMissedProbesLimit"] = "1",
        ["Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
        ["Orleans:Membership:TableRefreshTimeout"] = "00:00:01",
        ["Orleans:Membership:IAmAliveTablePublishTimeout"] = "00:00:02",
        ["Orleans:Membership:NumMissedTableIAmAliveLimit"] = "1",
        ["Orleans:Membership:ValidateInitialConnectivity"] = "false",
        ["Orleans:Messaging:ResponseTimeout"] = "00:00:05",
    };

    [Fact]
    public async Task EntityState_SiloKilledAndRestarted_Survives()
    {
        var settings = await ProductionSettings(postgres, "restart" + Guid.NewGuid().ToString("N")[..8]);
        var body = string.Join(',', Enumerable.Range(0, 50).Select(i =>
            $$"""{"source":"pg-1","time":"2026-11-25T10:{{i / 60:00}}:{{i % 60:00}}Z","readings":{"pm25":{{i}}},"seq":{{i}}}"""));
        JsonElement before;
        await using (var first = await SiloProcess.StartAsync(settings))
        {
            using var response = await first.Http.PostAsync("/api/ingest", new StringContent($"[{body}]", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            before = await first.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:pg-1/windows?metric=pm25&size=1m");
            await first.KillAsync();
        }

        await using var second = await SiloProcess.StartAsync(settings);
        var after = await second.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:pg-1/windows?metric=pm25&size=1m");
        var entity = await second.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:pg-1");

        Assert.Equal(50, entity.GetProperty("eventsApplied").GetInt32());
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Equal(1225, after.EnumerateArray().Sum(w => w.GetProperty("sum").GetDouble()));
    }

    [Fact]
    public async Task EntityWindowsOpen_SiloStopped_ClosedAfterRestartWithoutAnotherEvent()
    {
        var name = "wake" + Guid.NewGuid().ToString("N")[..8];
        var settings = await ProductionSettings(postgres, name);
        settings["Windows:IdleTimeout"] = "00:00:20"; // long enough to stop the silo before the entity closes them itself
        await using (var first = await SiloProcess.StartAsync(settings))
        {
            // A sensor's last reading: its windows have ended, and close once it has been quiet for the idle timeout.
            using var response = await first.Http.PostAsync("/api/ingest", new StringContent(
                """{"source":"pg-quiet","time":"2026-11-25T10:00:05Z","readings":{"pm25":7},"seq":1}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await first.StopAsync(TimeSpan.FromSeconds(60));
        }
        Assert.Equal(1, await WakeUps(settings["ConnectionStrings:Orleans"], name, "source:pg-quiet"));

        await using var second = await SiloProcess.StartAsync(settings);
        // Nothing asks the entity anything until its wake-up has come and gone (a query would activate it, and it would
        // close the windows itself).
        long left = -1;
        await Eventually.AssertAsync(async () => (left = await WakeUps(settings["ConnectionStrings:Orleans"], name, "source:pg-quiet")) == 0,
            TimeSpan.FromSeconds(90), () => $"the entity's wake-up to run and go (rows left: {left})");
        var windows = await second.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:pg-quiet/windows?metric=pm25&size=1m");
        Assert.True(Assert.Single(windows.EnumerateArray()).GetProperty("final").GetBoolean(), windows.GetRawText());
    }

    // The wake-up reminders registered for grains whose id contains the key.
    private static async Task<long> WakeUps(string connectionString, string serviceId, string key)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM OrleansRemindersTable WHERE ServiceId = @service AND ReminderName = 'window-wake-up' AND GrainId LIKE @grain",
            connection);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("grain", "%" + key + "%");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
