namespace Streaming.Grains.Abstractions;

/// <summary>Keys of the sandbox grains, so a sandbox's state never shares a key with live grains.</summary>
public static class SandboxKeys
{
    /// <summary>Key of the grain holding one owner's windows in a sandbox: <c>{sandbox}/{owner}</c>.</summary>
    public static string Windows(string sandbox, string owner) => $"{sandbox}/{owner}";
}
