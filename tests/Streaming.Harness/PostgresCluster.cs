using System.Diagnostics;
using System.Globalization;

namespace Streaming.Harness;

/// <summary>
/// PostgreSQL for <c>--storage postgres</c>: a throwaway cluster (<c>scripts/postgres-throwaway.sh</c>, on a free loopback
/// port, in a folder of its own) with <c>deploy/postgres</c> applied, as production runs the silo: clustering, grain state
/// and reminders there. Its CPU is the postmaster's and every backend's, those that have exited included.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _folder;
    private readonly int _postmaster;

    private PostgresCluster(string root, string folder, int port, int postmaster)
    {
        (_root, _folder, _postmaster) = (root, folder, postmaster);
        ConnectionString = string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Database=streaming;Username=postgres");
    }

    /// <summary>For <c>ConnectionStrings:Orleans</c>.</summary>
    public string ConnectionString { get; }

    /// <param name="durable">PostgreSQL's durable defaults rather than the test cluster's fsync off.</param>
    public static async Task<PostgresCluster> StartAsync(bool durable)
    {
        var root = OpenData.Root();
        var folder = Path.Combine(Path.GetTempPath(), $"bench-postgres-{Guid.NewGuid():N}");
        var port = FreeTcpPort.Next();
        await RunAsync(root, "scripts/postgres-throwaway.sh", ["start", folder, port.ToString(CultureInfo.InvariantCulture)],
            durable ? new() { ["POSTGRES_THROWAWAY_DURABLE"] = "1" } : []);
        try
        {
            await RunAsync(root, "deploy/postgres/create-database.sh", [], new()
            {
                ["PGHOST"] = "127.0.0.1", ["PGPORT"] = port.ToString(CultureInfo.InvariantCulture), ["PGUSER"] = "postgres", ["PGDATABASE"] = "streaming",
            });
            // The first line of postmaster.pid is the server's process id.
            var pid = int.Parse(File.ReadLines(Path.Combine(folder, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            return new PostgresCluster(root, folder, port, pid);
        }
        catch
        {
            await StopAsync(root, folder);
            throw;
        }
    }

    /// <summary>CPU seconds of the server so far: the postmaster, the backends it reaped and those still running.</summary>
    public double CpuSeconds() => ProcStats.CpuSecondsWithChildren(_postmaster);

    public async ValueTask DisposeAsync() => await StopAsync(_root, _folder);

    private static async Task StopAsync(string root, string folder)
    {
        await RunAsync(root, "scripts/postgres-throwaway.sh", ["stop", folder], []);
        Directory.Delete(folder, recursive: true);
    }

    private static async Task RunAsync(string root, string script, string[] arguments, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(root, script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}{await errors}");
        }
    }
}
