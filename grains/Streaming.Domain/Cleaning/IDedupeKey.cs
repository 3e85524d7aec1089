namespace Streaming.Domain;

/// <summary>A key <see cref="DedupeMemory{TKey}"/> can pack into the bytes it is stored as, and read back.</summary>
public interface IDedupeKey<TSelf> where TSelf : IDedupeKey<TSelf>
{
    /// <summary>Writes the key.</summary>
    static abstract void Write(BinaryWriter writer, TSelf key);

    /// <summary>Reads a key <see cref="Write"/> wrote.</summary>
    static abstract TSelf Read(BinaryReader reader);
}
