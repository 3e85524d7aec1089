using System.Text;
using Orleans.Storage;

namespace Streaming.Silo;

/// <summary>
/// The columns that identify a grain's state in OrleansStorage, derived exactly as Orleans' ADO.NET grain storage derives
/// them (AdoNetGrainStorage and its AdoGrainKey), so a row written through either is found through the other.
/// </summary>
internal readonly record struct AdoNetStateKey(int GrainIdHash, long N0, long N1, int TypeHash, string TypeString, string? Extension)
{
    public static AdoNetStateKey For<T>(IStorageHasherPicker hashers, string serviceId, string storageName, string stateName,
        GrainId grainId, IGrainState<T> grainState)
    {
        long n0 = 0, n1 = 0;
        string? extension;
        byte[] idBytes;
        if (grainId.TryGetGuidKey(out var guid, out extension))
        {
            var guidBytes = guid.ToByteArray();
            (n0, n1) = (BitConverter.ToInt64(guidBytes, 0), BitConverter.ToInt64(guidBytes, 8));
            idBytes = WithExtension(guidBytes, extension);
        }
        else if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            n1 = integer;
            idBytes = WithExtension(BitConverter.GetBytes(integer), extension);
        }
        else
        {
            extension = grainId.Key.ToString();
            idBytes = Encoding.UTF8.GetBytes(extension);
        }
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(idBytes); // as Orleans hashes them
        }
        // Orleans strips the assembly versions from generic type names; a state name (what Orleans passes here) has none.
        if (stateName.Contains('`', StringComparison.Ordinal))
        {
            throw new NotSupportedException($"State name '{stateName}' looks like a generic type name, which this storage does not normalise.");
        }
        var hasher = hashers.PickHasher(serviceId, storageName, stateName, grainId, grainState)
            ?? throw new InvalidOperationException($"No hasher for state '{stateName}' of {grainId}.");
        return new(hasher.Hash(idBytes), n0, n1, hasher.Hash(Encoding.UTF8.GetBytes(stateName)), stateName, extension);
    }

    private static byte[] WithExtension(byte[] key, string? extension) =>
        extension is null ? key : [.. key, .. Encoding.UTF8.GetBytes(extension)];
}
