namespace Streaming.Domain;

/// <summary>The comparison of one owner's windows: how many windows were looked at, and those that differ.</summary>
/// <param name="Compared">Windows in range that live, the sandbox or both have.</param>
/// <param name="Changes">The windows that differ, by series, size and start.</param>
public sealed record WindowComparison(int Compared, IReadOnlyList<WindowChange> Changes);
