namespace Streaming.Domain;

/// <summary>Counts over a whole diff.</summary>
/// <param name="Compared">Windows in range that live, the sandbox or both have.</param>
/// <param name="Unchanged">Windows both have with every field equal.</param>
/// <param name="Changed">Windows both have with some field different.</param>
/// <param name="OnlyInSandbox">Windows only the sandbox has.</param>
/// <param name="OnlyInLive">Windows only live has.</param>
public sealed record WindowDiffSummary(int Compared, int Unchanged, int Changed, int OnlyInSandbox, int OnlyInLive)
{
    /// <summary>The counts over several owners' comparisons.</summary>
    public static WindowDiffSummary Of(IEnumerable<WindowComparison> comparisons)
    {
        int compared = 0, changed = 0, onlyInSandbox = 0, onlyInLive = 0;
        foreach (var c in comparisons)
        {
            compared += c.Compared;
            changed += c.Changes.Count(x => x.Kind == WindowChangeKind.Changed);
            onlyInSandbox += c.Changes.Count(x => x.Kind == WindowChangeKind.OnlyInSandbox);
            onlyInLive += c.Changes.Count(x => x.Kind == WindowChangeKind.OnlyInLive);
        }
        return new(compared, compared - changed - onlyInSandbox - onlyInLive, changed, onlyInSandbox, onlyInLive);
    }
}
