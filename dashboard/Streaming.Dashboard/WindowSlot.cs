using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>What identifies a window across revisions: owner, series, size and start.</summary>
internal readonly record struct WindowSlot(string Owner, SeriesKey Series, TimeSpan Size, long StartTicks);
