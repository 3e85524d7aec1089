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
/// </summary>
public sealed class InProcessGrainStorage(Serializer serializer, IActivatorProvider activators) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId Grain), Stored> _states = new();
    private long _version;

    private sealed record Stored(byte[] Data, string ETag);

    /// <summary>How many states are held; for tests and diagnostics.</summary>
    public int Count => _states.Count;

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.Data);
            (grainState.ETag, grainState.RecordExists) = (stored.ETag, true);
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
        var data = serializer.SerializeToArray(grainState.State);
        var written = new Stored(data, Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture));
        // A grain's calls are serial, so a competing writer means two activations of one grain: refuse the stale one.
        if (_states.TryGetValue(key, out var current)
            ? current.ETag != grainState.ETag || !_states.TryUpdate(key, written, current)
            : grainState.ETag is not null || !_states.TryAdd(key, written))
        {
            return Task.FromException(Mismatch(stateName, grainId, grainState.ETag));
        }
        (grainState.ETag, grainState.RecordExists) = (written.ETag, true);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        if (_states.TryGetValue(key, out var current) && (current.ETag != grainState.ETag || !_states.TryRemove(KeyValuePair.Create(key, current))))
        {
            return Task.FromException(Mismatch(stateName, grainId, grainState.ETag));
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
