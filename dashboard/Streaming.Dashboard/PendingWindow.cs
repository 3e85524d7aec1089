using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>
/// The newest revision of one window waiting for the next push, when it changed (a sequence, higher is newer), and
/// whether it was polled from a roll-up (<see cref="LatestWindowPoller"/>) rather than emitted by a grain.
/// </summary>
public sealed record PendingWindow(string Owner, WindowResult Window, long Sequence, bool Polled = false);
