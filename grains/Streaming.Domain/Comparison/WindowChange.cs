namespace Streaming.Domain;

/// <summary>One window that differs between live and a sandbox, identified by owner, series, size and start.</summary>
/// <param name="Owner">The entity key, <c>area:{name}</c> or <c>system</c>.</param>
/// <param name="Series">The series (kind and metric).</param>
/// <param name="Size">The window size.</param>
/// <param name="Start">Window start, UTC.</param>
/// <param name="Kind">Changed, only in the sandbox, or only in live.</param>
/// <param name="Fields">The fields that differ (empty unless <see cref="WindowChangeKind.Changed"/>).</param>
/// <param name="Live">The live window's values, when live has it.</param>
/// <param name="Sandbox">The sandbox window's values, when the sandbox has it.</param>
public sealed record WindowChange(
    string Owner, SeriesKey Series, TimeSpan Size, DateTimeOffset Start, WindowChangeKind Kind, WindowFieldChange[] Fields,
    WindowAggregate? Live, WindowAggregate? Sandbox)
{
    /// <summary>Window end, UTC.</summary>
    public DateTimeOffset End => Start + Size;
}
