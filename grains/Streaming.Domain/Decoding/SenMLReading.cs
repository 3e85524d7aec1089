namespace Streaming.Domain;

/// <summary>One SenML record resolved (RFC 8428 §4.6) and split into source, time and reading.</summary>
/// <param name="Source">The resolved name up to its last ':' or '/'.</param>
/// <param name="Time">The resolved time, UTC.</param>
/// <param name="Reading">The metric (rest of the name), resolved value and unit.</param>
internal readonly record struct SenMLReading(SourceId Source, DateTimeOffset Time, Reading Reading);
