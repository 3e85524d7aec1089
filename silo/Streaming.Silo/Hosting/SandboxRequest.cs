using System.Text.Json;

namespace Streaming.Silo;

/// <summary>
/// The body of <c>POST /api/replay/sandbox</c>: the sandbox's name, event times in [from, to), optional sources, kinds and
/// metrics (empty: all), and setting overrides for this sandbox only, as configuration keys and values
/// (<c>{"Cleaning:Limits:pm25:Max": 50}</c>; strings or numbers), and optionally the most events per second to replay
/// (so a long run leaves the live pipeline its CPU; none: as fast as it goes).
/// </summary>
public sealed record SandboxRequest(
    string? Name, DateTimeOffset? From, DateTimeOffset? To, string[]? Sources, string[]? Kinds, string[]? Metrics,
    Dictionary<string, JsonElement>? Settings, double? MaxEventsPerSecond = null);
