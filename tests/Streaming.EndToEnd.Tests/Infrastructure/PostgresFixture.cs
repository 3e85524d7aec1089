using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster for one test run: started by <c>scripts/postgres-throwaway.sh</c> on a
/// free loopback port in a fresh temporary folder, with the <c>streaming</c> database created by
/// <c>deploy/postgres/create-database.sh</c> (the same script operators run). Stopped and deleted
/// afterwards. If PostgreSQL is not installed the fixture fails with the package to install.
/// </summary>
public sealed partial class PostgresFixture : IAsyncLifetime
{
    private const string DefaultDatabase = "streaming";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(1);

    private readonly string _repositoryRoot = RepositoryRoot.Find();
    private readonly string _directory =
        Path.Combine(Path.GetTempPath(), $"streaming-pg-{Guid.NewGuid():N}"[..24]);
    private bool _started;

    /// <summary>The loopback port the cluster listens on.</summary>
    public int Port { get; } = FreeTcpPort.Next();

    /// <summary>Npgsql connection string for the <c>streaming</c> database, with all Orleans scripts applied.</summary>
    public string ConnectionString => ConnectionStringFor(DefaultDatabase);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await ProcessRunner.RunAsync(
            "bash",
            [Path.Combine(_repositoryRoot, "scripts", "postgres-throwaway.sh"), "start", _directory, Port.ToString(CultureInfo.InvariantCulture)],
            timeout: ScriptTimeout);
        _started = true;
        await CreateDatabaseAsync(DefaultDatabase);
    }

    /// <summary>
    /// Creates (or brings up to date) another database on this cluster with the Orleans scripts applied,
    /// for tests that need a database of their own. Returns its connection string.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a simple lower-case database name.", nameof(name));
        }

        await RunCreateDatabaseScriptAsync(name);
        return ConnectionStringFor(name);
    }

    /// <summary>Runs <c>deploy/postgres/create-database.sh</c> against a database and returns its standard output.</summary>
    public async Task<string> RunCreateDatabaseScriptAsync(string database)
    {
        var result = await ProcessRunner.RunAsync(
            "bash",
            [Path.Combine(_repositoryRoot, "deploy", "postgres", "create-database.sh")],
            new Dictionary<string, string>
            {
                ["PGHOST"] = "127.0.0.1",
                ["PGPORT"] = Port.ToString(CultureInfo.InvariantCulture),
                ["PGUSER"] = "postgres",
                ["PGDATABASE"] = database,
            },
            ScriptTimeout);
        return result.StandardOutput;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_started)
        {
            await ProcessRunner.RunAsync(
                "bash",
                [Path.Combine(_repositoryRoot, "scripts", "postgres-throwaway.sh"), "stop", _directory],
                timeout: ScriptTimeout);
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        IncludeErrorDetail = true,
    }.ConnectionString;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
