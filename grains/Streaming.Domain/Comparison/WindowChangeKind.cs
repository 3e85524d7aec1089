namespace Streaming.Domain;

/// <summary>How a window differs between the live run and a sandbox.</summary>
[GenerateSerializer]
public enum WindowChangeKind
{
    /// <summary>Both have the window and at least one field differs.</summary>
    Changed,

    /// <summary>Only the sandbox has the window (for example a changed rule let readings through that live refused).</summary>
    OnlyInSandbox,

    /// <summary>Only live has the window (for example a tighter rule refused every reading the window had).</summary>
    OnlyInLive,
}
