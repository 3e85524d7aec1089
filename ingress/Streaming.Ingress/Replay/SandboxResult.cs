namespace Streaming.Ingress;

/// <summary>
/// What a sandbox run computed: archived events read, readings applied, unreadable archive lines, and every owner's
/// windows (entities first, then areas, then <c>system</c>).
/// </summary>
public sealed record SandboxResult(long Events, long Readings, int SkippedLines, IReadOnlyList<SandboxOwner> Owners);
