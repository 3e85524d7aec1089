using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Streaming.Silo;

/// <summary>
/// Grain storage on PostgreSQL that reads and writes the states of many grains in one statement batch and one commit.
/// Every event writes two states (its source's and its entity's), and a restarted silo reads three for each source it
/// reactivates; Orleans' ADO.NET provider gives each its own round trip and commit. Here each read or write is queued
/// (a write serialized first, on the grain's turn); each of <see cref="Loops"/> loops takes whatever has queued while it
/// was busy, so a lone operation goes at once and a burst shares one round trip and one commit (with synchronous_commit
/// on, one WAL flush). A batch is one implicit transaction: if any statement in it fails, each of its operations runs
/// again alone, so an error reaches its own grain only (a version conflict is an answer, not an error, and fails its
/// write alone anyway). Rows, key hashes, versions and conflicts are those of Orleans' provider (the same function and
/// query as deploy/postgres/20-persistence.sql gives it), which still clears states.
/// </summary>
public sealed partial class BatchedPostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    /// <summary>How many batches may be in flight at once: one fills while another commits.</summary>
    public const int Loops = 2;

    // Bounds on one batch, so a backlog goes as several statements' worth rather than one unbounded message.
    private const int MaxBatchOperations = 256;
    private const long MaxBatchBytes = 4 << 20;

    private readonly AdoNetGrainStorage _orleans;
    private readonly NpgsqlDataSource _dataSource;
    private readonly IStorageHasherPicker _hashers;
    private readonly IActivatorProvider _activators;
    private readonly string _name;
    private readonly string _serviceId;
    private readonly ILogger _logger;
    private readonly Channel<Operation> _queue = Channel.CreateUnbounded<Operation>(new() { SingleWriter = false, SingleReader = false });
    private readonly Task[] _loops;
    private long _batches;
    private long _operations;
    private long _retriedAlone;

    /// <summary>Clears through <paramref name="orleans"/> (Orleans' provider on the same database) and takes its serializer.</summary>
    public BatchedPostgresGrainStorage(string name, string connectionString, AdoNetGrainStorage orleans, IStorageHasherPicker hashers,
        IActivatorProvider activators, string serviceId, ILogger<BatchedPostgresGrainStorage> logger)
    {
        (_name, _orleans, _hashers, _activators, _serviceId, _logger) = (name, orleans, hashers, activators, serviceId, logger);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _loops = [.. Enumerable.Range(0, Loops).Select(_ => Task.Run(RunLoopAsync))];
    }

    /// <summary>Reads and writes done so far, the batches they went in, and those run again alone after their batch failed.</summary>
    public (long Operations, long Batches, long RetriedAlone) Statistics =>
        (Interlocked.Read(ref _operations), Interlocked.Read(ref _batches), Interlocked.Read(ref _retriedAlone));

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var read = new Read(AdoNetStateKey.For(_hashers, _serviceId, _name, stateName, grainId, grainState));
        var (payload, version) = await RunAsync(read);
        // As Orleans' provider reads it: no row, or a cleared one (its payload NULL, its version kept), is a new state.
        grainState.State = payload is null ? _activators.GetActivator<T>().Create() : _orleans.Serializer.Deserialize<T>(new BinaryData(payload));
        grainState.ETag = version?.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _orleans.ClearStateAsync(stateName, grainId, grainState);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Serialized now, on the grain's turn: the state may change as soon as the grain runs again.
        var version = string.IsNullOrWhiteSpace(grainState.ETag) ? (int?)null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var write = new Write(AdoNetStateKey.For(_hashers, _serviceId, _name, stateName, grainId, grainState), version,
            _orleans.Serializer.Serialize(grainState.State).ToMemory());
        var stored = await RunAsync(write);
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

    private Task<TAnswer> RunAsync<TAnswer>(Operation<TAnswer> operation)
    {
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(BatchedPostgresGrainStorage), "The storage is shutting down; the state was neither read nor written.");
        }
        return operation.Answer;
    }

    private async Task RunLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Operation>(MaxBatchOperations);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            long bytes = 0;
            while (batch.Count < MaxBatchOperations && bytes < MaxBatchBytes && reader.TryRead(out var operation))
            {
                batch.Add(operation);
                bytes += operation.Bytes;
            }
            if (batch.Count > 0)
            {
                await RunBatchAsync(batch);
            }
        }
    }

    private async Task RunBatchAsync(List<Operation> batch)
    {
        // One order for every batch (the row locks and the first write's advisory lock): two batches never wait on each other
        // in a cycle.
        batch.Sort(static (a, b) => (a.Key.GrainIdHash, a.Key.TypeHash).CompareTo((b.Key.GrainIdHash, b.Key.TypeHash)));
        try
        {
            await ExecuteAsync(batch);
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            LogBatchFailed(ex, batch.Count);
            Interlocked.Add(ref _retriedAlone, batch.Count);
            foreach (var operation in batch)
            {
                try
                {
                    await ExecuteAsync([operation]);
                }
                catch (Exception alone)
                {
                    operation.Fail(alone);
                }
            }
        }
        catch (Exception ex)
        {
            batch[0].Fail(ex);
        }
    }

    // All operations in one round trip and, with no explicit transaction, one implicit transaction: the results are read to
    // the end (PostgreSQL has committed by then) before any caller hears of them.
    private async Task ExecuteAsync(List<Operation> operations)
    {
        await using (var connection = await _dataSource.OpenConnectionAsync())
        await using (var batch = connection.CreateBatch())
        {
            foreach (var operation in operations)
            {
                batch.BatchCommands.Add(operation.Command(_serviceId));
            }
            await using var reader = await batch.ExecuteReaderAsync();
            for (var i = 0; i < operations.Count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync())
                {
                    throw new InvalidOperationException($"No result for statement {i + 1} of {operations.Count}.");
                }
                await operations[i].ReadResultAsync(reader);
            }
        }
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _operations, operations.Count);
        foreach (var operation in operations)
        {
            operation.Complete();
        }
    }

    /// <summary>Reads what is queued and writes it, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
        await _dataSource.DisposeAsync();
    }

    [LoggerMessage(2301, LogLevel.Warning, "A batch of {Count} state reads and writes failed; each runs again alone")]
    private partial void LogBatchFailed(Exception exception, int count);

    /// <summary>One statement of a batch: its command, how it reads its result, and its caller's answer once committed.</summary>
    private abstract class Operation(AdoNetStateKey key)
    {
        public AdoNetStateKey Key { get; } = key;

        public virtual long Bytes => 0;

        public abstract NpgsqlBatchCommand Command(string serviceId);

        public abstract Task ReadResultAsync(NpgsqlDataReader reader);

        public abstract void Complete();

        public abstract void Fail(Exception exception);

        // The key columns, in the order both statements below number them.
        protected NpgsqlBatchCommand KeyCommand(string sql, string serviceId)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Key.GrainIdHash });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Key.N0 });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Key.N1 });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Key.TypeHash });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Key.TypeString, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)Key.Extension ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId, NpgsqlDbType = NpgsqlDbType.Text });
            return command;
        }
    }

    private abstract class Operation<TAnswer>(AdoNetStateKey key) : Operation(key)
    {
        private readonly TaskCompletionSource<TAnswer> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TAnswer _result = default!;

        public Task<TAnswer> Answer => _answer.Task;

        protected void Hold(TAnswer result) => _result = result;

        public override void Complete() => _answer.TrySetResult(_result);

        public override void Fail(Exception exception) => _answer.TrySetException(exception);
    }

    // The stored payload and version; neither when the grain has no row.
    private sealed class Read(AdoNetStateKey key) : Operation<(byte[]? Payload, int? Version)>(key)
    {
        private const string Sql = """
            SELECT PayloadBinary, Version FROM OrleansStorage
             WHERE GrainIdHash = $1 AND GrainTypeHash = $4 AND GrainIdN0 = $2 AND GrainIdN1 = $3 AND GrainTypeString = $5
               AND GrainIdExtensionString IS NOT DISTINCT FROM $6 AND ServiceId = $7
            """;

        public override NpgsqlBatchCommand Command(string serviceId) => KeyCommand(Sql, serviceId);

        public override async Task ReadResultAsync(NpgsqlDataReader reader)
        {
            if (!await reader.ReadAsync())
            {
                Hold((null, null));
                return;
            }
            Hold((await reader.IsDBNullAsync(0) ? null : reader.GetFieldValue<byte[]>(0), await reader.IsDBNullAsync(1) ? null : reader.GetInt32(1)));
        }
    }

    // The new version, or the one given (or NULL) when another writer got in first.
    private sealed class Write(AdoNetStateKey key, int? version, ReadOnlyMemory<byte> payload) : Operation<int?>(key)
    {
        private const string Sql = "SELECT NewGrainStateVersion FROM orleans_write_to_storage($1, $2, $3, $4, $5, $6, $7, $8, $9)";

        public override long Bytes => payload.Length;

        public override NpgsqlBatchCommand Command(string serviceId)
        {
            var command = KeyCommand(Sql, serviceId);
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = payload, NpgsqlDbType = NpgsqlDbType.Bytea });
            return command;
        }

        public override async Task ReadResultAsync(NpgsqlDataReader reader)
        {
            if (!await reader.ReadAsync())
            {
                throw new InvalidOperationException("orleans_write_to_storage returned no row.");
            }
            Hold(await reader.IsDBNullAsync(0) ? null : reader.GetInt32(0));
        }
    }
}

/// <summary>Registers <see cref="BatchedPostgresGrainStorage"/>.</summary>
public static class BatchedPostgresGrainStorageExtensions
{
    /// <summary>
    /// Adds <see cref="BatchedPostgresGrainStorage"/> as <paramref name="name"/> on the database of
    /// <paramref name="connectionString"/>, with Orleans' ADO.NET provider as <c>{name}.adonet</c> for clears (and its
    /// serializer and key hashing).
    /// </summary>
    public static ISiloBuilder AddBatchedPostgresGrainStorage(this ISiloBuilder silo, string name, string connectionString)
    {
        var orleans = name + ".adonet";
        silo.AddAdoNetGrainStorage(orleans, o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
        silo.Services.AddGrainStorage(name, (services, _) =>
        {
            var options = services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(orleans);
            return new BatchedPostgresGrainStorage(name, connectionString,
                (AdoNetGrainStorage)services.GetRequiredKeyedService<IGrainStorage>(orleans), options.HashPicker,
                services.GetRequiredService<IActivatorProvider>(), services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                services.GetRequiredService<ILogger<BatchedPostgresGrainStorage>>());
        });
        return silo;
    }
}
