using Streaming.Grains.Abstractions;

namespace Streaming.Silo;

/// <summary>
/// A replay run as <c>GET /api/replay/runs/{id}</c> shows it: what it is, its state, events read, readings applied,
/// events per second, seconds left (null until known), and when it started and ended; the error when it failed.
/// </summary>
public sealed record ReplayRunView(
    string Id, string Kind, string? Sandbox, SandboxRunState State, long Events, long Readings, double EventsPerSecond,
    double? SecondsLeft, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Error);
