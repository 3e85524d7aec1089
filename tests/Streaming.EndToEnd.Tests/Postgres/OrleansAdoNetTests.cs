using System.Data;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// Proves that deploy/postgres/*.sql meet the contract of the Orleans ADO.NET providers by running a
/// real silo (clustering, grain storage and reminders all on PostgreSQL) against them. Every test
/// gets its own ClusterId and ServiceId, so tests sharing the database never see each other's rows.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class OrleansAdoNetTests(PostgresFixture postgres)
{
    private const int Active = 3;
    private const int Dead = 6;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _clusterId = $"cluster-{Guid.NewGuid():N}";
    private readonly string _serviceId = $"service-{Guid.NewGuid():N}";

    [Fact]
    public async Task GrainState_WrittenBeforeSiloRestart_ReadBackByNewSilo()
    {
        using (var first = await StartSiloAsync())
        {
            await first.Counter("restart").Increment();
            Assert.Equal(2, await first.Counter("restart").Increment());
            await first.StopAsync();
        }

        using var second = await StartSiloAsync();
        Assert.Equal(2, await second.Counter("restart").Get());
        Assert.Equal(3, await second.Counter("restart").Increment());

        // Stored as System.Text.Json output, and the version (ETag) advanced once per write.
        var (json, version) = await QuerySingleAsync(
            "SELECT convert_from(PayloadBinary, 'UTF8'), Version FROM OrleansStorage WHERE ServiceId = @ServiceId",
            reader => (reader.GetString(0), reader.GetInt32(1)));
        Assert.Equal(3, JsonDocument.Parse(json).RootElement.GetProperty("Count").GetInt32());
        Assert.Equal(3, version);
        await second.StopAsync();
    }

    // What keeps a state write cheap (docs/benchmarks.md, on PostgreSQL): the write function's UPDATE planned once rather
    // than for each call's values, and a typical entity's state (past 2 KB) kept in its row rather than compressed first.
    [Theory]
    [InlineData("SELECT array_to_string(proconfig, ',') FROM pg_proc WHERE proname = 'orleans_write_to_storage'", "plan_cache_mode=force_generic_plan")]
    [InlineData("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'orleansstorage'", "toast_tuple_target=8160")]
    public async Task Scripts_Installed_SetWhatKeepsStateWritesCheap(string query, string expected)
    {
        var settings = await QuerySingleAsync(query, reader => reader.IsDBNull(0) ? "" : reader.GetString(0));

        Assert.Equal(expected, settings);
    }

    [Fact]
    public async Task Silo_StartedThenStopped_MembershipRowGoesActiveThenDead()
    {
        using var host = await StartSiloAsync();
        var port = host.SiloPort();

        await Eventually.AssertAsync(
            async () => await SiloStatusAsync(port) == Active,
            Timeout,
            $"an Active (3) row in OrleansMembershipTable for cluster {_clusterId}, silo port {port}");
        var version = await QuerySingleAsync(
            "SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = @ClusterId",
            reader => reader.GetInt32(0));
        Assert.True(version > 0, $"membership version of {_clusterId} should have advanced, was {version}");

        await host.StopAsync();
        await Eventually.AssertAsync(
            async () => await SiloStatusAsync(port) == Dead,
            Timeout,
            $"the row of silo port {port} in cluster {_clusterId} to become Dead (6) after a graceful stop");
    }

    [Fact]
    public async Task Reminder_RegisteredThenCancelled_RowAddedThenRemoved()
    {
        using var host = await StartSiloAsync();
        var grain = host.Counter("reminders");

        await grain.RegisterReminder("tick");
        var (grainId, periodMs) = await QuerySingleAsync(
            "SELECT GrainId, Period FROM OrleansRemindersTable WHERE ServiceId = @ServiceId AND ReminderName = 'tick'",
            reader => (reader.GetString(0), reader.GetInt64(1)));
        Assert.Contains("reminders", grainId, StringComparison.Ordinal);
        Assert.Equal((long)TimeSpan.FromMinutes(10).TotalMilliseconds, periodMs);

        await grain.CancelReminder("tick");
        Assert.Equal(0, await QuerySingleAsync(
            "SELECT count(*)::int FROM OrleansRemindersTable WHERE ServiceId = @ServiceId",
            reader => reader.GetInt32(0)));
        await host.StopAsync();
    }

    [Fact]
    public async Task DefunctSiloCleanup_DeadRowAsRead_IsDeleted()
    {
        // The silo only runs this optional query after hours; run it here the way the provider does:
        // with the values it read back (times as DbType.DateTime, address as AnsiString, and the
        // suspicion list: a stopping silo leaves its own vote in it).
        using (var host = await StartSiloAsync())
        {
            await host.StopAsync();
        }

        var (address, port, generation, startTime, iAmAliveTime, suspectTimes) = await QuerySingleAsync(
            "SELECT Address, Port, Generation, StartTime, IAmAliveTime, SuspectTimes FROM OrleansMembershipTable " +
            "WHERE DeploymentId = @ClusterId AND Status = 6",
            r => (r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetDateTime(3), r.GetDateTime(4),
                r.IsDBNull(5) ? null : r.GetString(5)));
        var cleanup = await QuerySingleAsync(
            "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntryKey'",
            reader => reader.GetString(0));

        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(cleanup, connection);
        command.Parameters.Add(new NpgsqlParameter("DeploymentId", DbType.String) { Value = _clusterId });
        command.Parameters.Add(new NpgsqlParameter("Address", DbType.AnsiString) { Value = address });
        command.Parameters.Add(new NpgsqlParameter("Port", DbType.Int32) { Value = port });
        command.Parameters.Add(new NpgsqlParameter("Generation", DbType.Int32) { Value = generation });
        command.Parameters.Add(new NpgsqlParameter("SuspectTimes", DbType.String) { Value = (object?)suspectTimes ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("StartTime", DbType.DateTime) { Value = startTime });
        command.Parameters.Add(new NpgsqlParameter("IAmAliveTime", DbType.DateTime) { Value = iAmAliveTime });

        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task CreateDatabaseScript_RunTwice_KeepsDataAndQueries()
    {
        var database = $"rerun_{Guid.NewGuid():N}"[..20];
        var connectionString = await postgres.CreateDatabaseAsync(database);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES ('kept')", connection);
            await insert.ExecuteNonQueryAsync();
        }

        var rerun = await postgres.RunCreateDatabaseScriptAsync(database);

        Assert.Contains("already exists", rerun, StringComparison.Ordinal);
        await using var check = new NpgsqlConnection(connectionString);
        await check.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM OrleansMembershipVersionTable WHERE DeploymentId = 'kept'), " +
            "(SELECT count(*) FROM OrleansQuery)", check);
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1, reader.GetInt64(0));
        Assert.Equal(21, reader.GetInt64(1));
    }

    private Task<IHost> StartSiloAsync() => AdoNetSilo.StartAsync(postgres.ConnectionString, _clusterId, _serviceId);

    private Task<int?> SiloStatusAsync(int port) => QuerySingleAsync(
        "SELECT Status FROM OrleansMembershipTable WHERE DeploymentId = @ClusterId AND Port = @Port",
        reader => (int?)reader.GetInt32(0),
        port);

    /// <summary>Runs a query that may use @ClusterId, @ServiceId and @Port; returns its only row, or default.</summary>
    private async Task<T> QuerySingleAsync<T>(string sql, Func<NpgsqlDataReader, T> read, int port = 0)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ClusterId", _clusterId);
        command.Parameters.AddWithValue("ServiceId", _serviceId);
        command.Parameters.AddWithValue("Port", port);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return default!;
        }

        var value = read(reader);
        Assert.False(await reader.ReadAsync(), $"expected at most one row from: {sql}");
        return value;
    }
}
