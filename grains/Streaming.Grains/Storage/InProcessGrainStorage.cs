using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Streaming.Grains;

/// <summary>
/// Grain storage for the embedded default: each state serialized (Orleans' binary serializer, so a written state is a
/// copy the grain's later changes cannot touch) into a dictionary of this process. Memory storage does the same through
/// a storage grain: a grain call, a deep copy of the bytes and a new GUID per write, on the path of every event. Nothing
/// survives the process, and a grain activated on another silo would not see the state: for one silo only.
/// A write serializes into a buffer kept per thread and copies the bytes over the state's stored ones when they fit. A
/// new array per write lived until the grain's next write, seconds later: long enough to be promoted and then die old,
/// two of them per event.
/// </summary>
public sealed class InProcessGrainStorage(Serializer serializer, IActivatorProvider activators) : IGrainStorage
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;

    private readonly ConcurrentDictionary<(string StateName, GrainId Grain), Stored> _states = new();
    private long _version;

    // A state's bytes (the first Length of Data) and version; changed only under its own lock.
    private sealed class Stored(byte[] data, int length, string etag)
    {
        public byte[] Data = data;
        public int Length = length;
        public string ETag = etag;
    }

    /// <summary>How many states are held; for tests and diagnostics.</summary>
    public int Count => _states.Count;

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            lock (stored)
            {
                grainState.State = serializer.Deserialize<T>(stored.Data.AsSpan(0, stored.Length));
                (grainState.ETag, grainState.RecordExists) = (stored.ETag, true);
            }
        }
        else
        {
            grainState.State = activators.GetActivator<T>().Create();
            (grainState.ETag, grainState.RecordExists) = (null, false);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>();
        buffer.ResetWrittenCount();
        serializer.Serialize(grainState.State, buffer);
        var data = buffer.WrittenSpan;
        var etag = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        // A grain's calls are serial, so a competing writer means two activations of one grain: refuse the stale one.
        if (!_states.TryGetValue(key, out var current))
        {
            if (grainState.ETag is not null || !_states.TryAdd(key, new Stored(data.ToArray(), data.Length, etag)))
            {
                return Task.FromException(Mismatch(stateName, grainId, grainState.ETag));
            }
        }
        else
        {
            lock (current)
            {
                if (current.ETag != grainState.ETag)
                {
                    return Task.FromException(Mismatch(stateName, grainId, grainState.ETag));
                }
                if (data.Length > current.Data.Length)
                {
                    current.Data = new byte[data.Length + (data.Length / 8)]; // room to grow a little before the next array
                }
                data.CopyTo(current.Data);
                (current.Length, current.ETag) = (data.Length, etag);
            }
        }
        (grainState.ETag, grainState.RecordExists) = (etag, true);
        if (buffer.Capacity > MaxKeptBuffer)
        {
            t_buffer = null; // an outsized state's buffer is not kept for every later write on the thread
        }
        return Task.CompletedTask;
    }

    private const int MaxKeptBuffer = 1 << 20;

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        if (_states.TryGetValue(key, out var current))
        {
            lock (current)
            {
                if (current.ETag != grainState.ETag || !_states.TryRemove(KeyValuePair.Create(key, current)))
                {
                    return Task.FromException(Mismatch(stateName, grainId, grainState.ETag));
                }
                current.ETag = ""; // removed: a writer that found it before the removal must not write into it
            }
        }
        grainState.State = activators.GetActivator<T>().Create();
        (grainState.ETag, grainState.RecordExists) = (null, false);
        return Task.CompletedTask;
    }

    private InconsistentStateException Mismatch(string stateName, GrainId grainId, string? etag) =>
        new($"State '{stateName}' of {grainId} changed since it was read (ETag {etag ?? "none"})",
            _states.TryGetValue((stateName, grainId), out var now) ? now.ETag : "none", etag ?? "none");
}

/// <summary>Registers <see cref="InProcessGrainStorage"/>.</summary>
public static class InProcessGrainStorageExtensions
{
    /// <summary>Adds <see cref="InProcessGrainStorage"/> under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddInProcessGrainStorage(this ISiloBuilder silo, string name)
    {
        silo.Services.AddGrainStorage(name, (services, _) => ActivatorUtilities.CreateInstance<InProcessGrainStorage>(services));
        return silo;
    }
}
