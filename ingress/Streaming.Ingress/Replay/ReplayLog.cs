using Microsoft.Extensions.Logging;

namespace Streaming.Ingress;

/// <summary>Log messages of history and replay (event ids 1600-1699).</summary>
public static partial class ReplayLog
{
    /// <summary>An export finished.</summary>
    [LoggerMessage(1601, LogLevel.Information, "Replay export {From:O} to {To:O}: {Events} events, {Rows} rows in {Elapsed}")]
    public static partial void Exported(ILogger logger, DateTimeOffset from, DateTimeOffset to, long events, long rows, TimeSpan elapsed);

    /// <summary>An export met archive lines it could not read.</summary>
    [LoggerMessage(1602, LogLevel.Warning,
        "Replay export {From:O} to {To:O} skipped {Lines} unreadable archive lines (a write torn by a crash, or a foreign file)")]
    public static partial void SkippedLines(ILogger logger, DateTimeOffset from, DateTimeOffset to, int lines);

    /// <summary>History is off.</summary>
    [LoggerMessage(1603, LogLevel.Information, "History of accepted events is off (Replay:Archive=false)")]
    public static partial void ArchiveOff(ILogger logger);

    /// <summary>Where history goes.</summary>
    [LoggerMessage(1604, LogLevel.Information, "History of accepted events: {Folder}")]
    public static partial void ArchiveAt(ILogger logger, string folder);
}
