namespace Streaming.Grains;

/// <summary>Names of the grain storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>Entity, source and roll-up state.</summary>
    public const string Default = "Default";
}
