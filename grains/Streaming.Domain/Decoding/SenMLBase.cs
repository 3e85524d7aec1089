namespace Streaming.Domain;

/// <summary>
/// The SenML base fields in force at one record (RFC 8428 §4.1): set by a record, they apply to it
/// and to every later record in the pack until changed.
/// </summary>
/// <param name="Name">bn, prefixed to each record's name.</param>
/// <param name="Time">bt in seconds, added to each record's time.</param>
/// <param name="Unit">bu, used when a record has no unit.</param>
/// <param name="Value">bv, added to each record's value.</param>
/// <param name="Sum">bs, added to each record's sum.</param>
internal sealed record SenMLBase(string Name, double Time, string? Unit, double Value, double Sum)
{
    /// <summary>No base fields yet.</summary>
    internal static SenMLBase Initial { get; } = new("", 0, null, 0, 0);
}
