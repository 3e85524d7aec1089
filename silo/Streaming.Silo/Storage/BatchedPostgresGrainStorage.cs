using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Streaming.Silo;

/// <summary>
/// Grain storage on PostgreSQL that writes the states of many grains in one statement batch and one commit. Every event
/// writes two states (its source's and its entity's), each its own round trip and commit through Orleans' ADO.NET provider.
/// Here a write is serialized on the grain's turn and queued; each of <see cref="Writers"/> loops takes whatever has
/// queued while it was busy, so a lone write goes at once and a burst shares one commit (with synchronous_commit on,
/// one WAL flush). A batch is one implicit transaction: if any statement in it fails, each of its writes runs again
/// alone, so an error reaches its own grain only (a version conflict is an answer, not an error, and fails its write
/// alone anyway). Rows, versions and conflicts are those of Orleans' provider (the same function in
/// deploy/postgres/20-persistence.sql), and reads and clears go through that provider.
/// </summary>
public sealed partial class BatchedPostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    /// <summary>How many batches may be in flight at once: one fills while another commits.</summary>
    public const int Writers = 2;

    // Bounds on one batch, so a backlog goes as several statements' worth rather than one unbounded message.
    private const int MaxBatchWrites = 256;
    private const long MaxBatchBytes = 4 << 20;

    private const string WriteSql = "SELECT NewGrainStateVersion FROM orleans_write_to_storage($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private readonly AdoNetGrainStorage _reads;
    private readonly NpgsqlDataSource _dataSource;
    private readonly IStorageHasherPicker _hashers;
    private readonly string _name;
    private readonly string _serviceId;
    private readonly ILogger _logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new() { SingleWriter = false, SingleReader = false });
    private readonly Task[] _writers;
    private long _batches;
    private long _writes;
    private long _retriedAlone;

    private sealed record PendingWrite(AdoNetStateKey Key, int? Version, ReadOnlyMemory<byte> Payload)
    {
        public readonly TaskCompletionSource<int?> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Reads and clears through <paramref name="reads"/> (Orleans' provider on the same database); writes batched here.</summary>
    public BatchedPostgresGrainStorage(string name, string connectionString, AdoNetGrainStorage reads, IStorageHasherPicker hashers,
        string serviceId, ILogger<BatchedPostgresGrainStorage> logger)
    {
        (_name, _reads, _hashers, _serviceId, _logger) = (name, reads, hashers, serviceId, logger);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _writers = [.. Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteLoopAsync))];
    }

    /// <summary>Writes committed so far, the batches they went in, and the writes run again alone after their batch failed.</summary>
    public (long Writes, long Batches, long RetriedAlone) Statistics =>
        (Interlocked.Read(ref _writes), Interlocked.Read(ref _batches), Interlocked.Read(ref _retriedAlone));

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _reads.ReadStateAsync(stateName, grainId, grainState);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _reads.ClearStateAsync(stateName, grainId, grainState);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Serialized now, on the grain's turn: the state may change as soon as the grain runs again.
        var key = AdoNetStateKey.For(_hashers, _serviceId, _name, stateName, grainId, grainState);
        var version = string.IsNullOrWhiteSpace(grainState.ETag) ? (int?)null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var write = new PendingWrite(key, version, _reads.Serializer.Serialize(grainState.State).ToMemory());
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(BatchedPostgresGrainStorage), "The storage is shutting down; the state was not written.");
        }
        var stored = await write.Done.Task;
        // As Orleans' provider decides it: the function returns the version it was given (no row matched it) or NULL (a
        // first write found a row already there) when another writer got in first.
        if (stored is null || stored == version)
        {
            throw new InconsistentStateException(
                $"Version conflict (WriteState): ServiceId={_serviceId} ProviderName={_name} GrainType={stateName} GrainId={grainId} ETag={grainState.ETag}.",
                stored?.ToString(CultureInfo.InvariantCulture) ?? "", grainState.ETag ?? "");
        }
        grainState.ETag = stored.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingWrite>(MaxBatchWrites);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            long bytes = 0;
            while (batch.Count < MaxBatchWrites && bytes < MaxBatchBytes && reader.TryRead(out var write))
            {
                batch.Add(write);
                bytes += write.Payload.Length;
            }
            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch);
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingWrite> batch)
    {
        // One order for every batch (the row locks and the first write's advisory lock): two batches never wait on each other
        // in a cycle.
        batch.Sort(static (a, b) => (a.Key.GrainIdHash, a.Key.TypeHash).CompareTo((b.Key.GrainIdHash, b.Key.TypeHash)));
        try
        {
            var versions = await ExecuteAsync(batch);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _writes, batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(versions[i]);
            }
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            LogBatchFailed(ex, batch.Count);
            Interlocked.Add(ref _retriedAlone, batch.Count);
            foreach (var write in batch)
            {
                await WriteAloneAsync(write);
            }
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
        }
    }

    private async Task WriteAloneAsync(PendingWrite write)
    {
        try
        {
            var versions = await ExecuteAsync([write]);
            Interlocked.Increment(ref _batches);
            Interlocked.Increment(ref _writes);
            write.Done.TrySetResult(versions[0]);
        }
        catch (Exception ex)
        {
            write.Done.TrySetException(ex);
        }
    }

    // All writes in one round trip and, with no explicit transaction, one implicit transaction: the results are read to
    // the end (PostgreSQL has committed by then) before any caller hears of them.
    private async Task<int?[]> ExecuteAsync(List<PendingWrite> writes)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var batch = connection.CreateBatch();
        foreach (var write in writes)
        {
            var command = new NpgsqlBatchCommand(WriteSql);
            var key = write.Key;
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = key.GrainIdHash });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key.N0 });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key.N1 });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = key.TypeHash });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.TypeString, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)key.Extension ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)write.Version ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = write.Payload, NpgsqlDbType = NpgsqlDbType.Bytea });
            batch.BatchCommands.Add(command);
        }
        var versions = new int?[writes.Count];
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            for (var i = 0; i < writes.Count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync() || !await reader.ReadAsync())
                {
                    throw new InvalidOperationException($"orleans_write_to_storage returned no row for write {i + 1} of {writes.Count}.");
                }
                versions[i] = await reader.IsDBNullAsync(0) ? null : reader.GetInt32(0);
            }
        }
        return versions;
    }

    /// <summary>Writes what is queued, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
        await _dataSource.DisposeAsync();
    }

    [LoggerMessage(2301, LogLevel.Warning, "A batch of {Count} state writes failed; each is written again alone")]
    private partial void LogBatchFailed(Exception exception, int count);
}

/// <summary>Registers <see cref="BatchedPostgresGrainStorage"/>.</summary>
public static class BatchedPostgresGrainStorageExtensions
{
    /// <summary>
    /// Adds <see cref="BatchedPostgresGrainStorage"/> as <paramref name="name"/> on the database of
    /// <paramref name="connectionString"/>, with Orleans' ADO.NET provider under a name of its own for reads and clears.
    /// </summary>
    public static ISiloBuilder AddBatchedPostgresGrainStorage(this ISiloBuilder silo, string name, string connectionString)
    {
        var reads = name + ".reads";
        silo.AddAdoNetGrainStorage(reads, o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
        silo.Services.AddGrainStorage(name, (services, _) =>
        {
            var options = services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(reads);
            return new BatchedPostgresGrainStorage(name, connectionString,
                (AdoNetGrainStorage)services.GetRequiredKeyedService<IGrainStorage>(reads), options.HashPicker,
                services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                services.GetRequiredService<ILogger<BatchedPostgresGrainStorage>>());
        });
        return silo;
    }
}
