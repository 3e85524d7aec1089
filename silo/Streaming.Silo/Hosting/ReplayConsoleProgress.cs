using System.Globalization;
using Streaming.Ingress;

namespace Streaming.Silo;

/// <summary>Prints a replay's progress to the console: events done, rows written, rate and time left.</summary>
public sealed class ReplayConsoleProgress(TextWriter output) : IProgress<ReplayProgress>
{
    /// <inheritdoc />
    public void Report(ReplayProgress value)
    {
        var left = value.Done ? "done"
            : value.Remaining is { } t ? string.Create(CultureInfo.InvariantCulture, $"about {t:hh\\:mm\\:ss} left")
            : "time left not known yet";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replay: {value.Events} events, {value.Rows} rows, {value.EventsPerSecond:F0} events/s, {left}"));
    }
}
