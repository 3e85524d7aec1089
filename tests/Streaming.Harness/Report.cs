using System.Globalization;
using HdrHistogram;

namespace Streaming.Harness;

/// <summary>Formats figures for the console and for the one-line row that scripts/bench.sh appends.</summary>
internal static class Report
{
    /// <summary>Microseconds as milliseconds: <c>0.42 ms</c>, <c>12.3 ms</c>, <c>1,234 ms</c>.</summary>
    public static string Ms(long micros) => micros switch
    {
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{micros / 1000.0:F2} ms"),
        < 100_000 => string.Create(CultureInfo.InvariantCulture, $"{micros / 1000.0:F1} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{micros / 1000.0:N0} ms"),
    };

    public static string Rate(double perSecond) => string.Create(CultureInfo.InvariantCulture, $"{perSecond:N0}");

    public static string Latency(HistogramBase h) => h.TotalCount == 0
        ? "none delivered"
        : $"p50 {Ms(h.GetValueAtPercentile(50))}, p99 {Ms(h.GetValueAtPercentile(99))}, p99.9 {Ms(h.GetValueAtPercentile(99.9))}, max {Ms(h.GetMaxValue())}";

    /// <summary>One step in full, for the console.</summary>
    public static string Describe(StepResult r)
    {
        var s = r.Step;
        var cpu = r.CpuSeconds is { } c
            ? string.Create(CultureInfo.InvariantCulture, $"; CPU {c:F1} s = {r.EventsPerCpuSecond:N0} ev/CPU-s")
            : "";
        cpu += r.EventsPerCpuSecondTogether is { } all
            ? string.Create(CultureInfo.InvariantCulture,
                $" (+ {string.Join(", ", r.OtherCpu.Select(o => FormattableString.Invariant($"{o.Name} {o.Seconds:F1} s")))} = {all:N0} ev/CPU-s together)")
            : "";
        cpu += r.AllocatedPerEvent is { } a ? string.Create(CultureInfo.InvariantCulture, $"; {a / 1024:N0} KiB allocated/event") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Rate(s.Rate)} ev/s x {s.Duration.TotalSeconds:F0} s: sent {s.Sent:N0}, out {s.Delivered:N0}, errors {s.SendErrors:N0}, " +
            $"achieved {Rate(r.AchievedRate)} ev/s; out {Latency(r.Delivery)}; ack p99 {(r.Ack.TotalCount > 0 ? Ms(r.Ack.GetValueAtPercentile(99)) : "-")}{cpu}; " +
            $"generator lag max {Ms(s.MaxSendLagMicros)}; {(r.Sustainable ? "sustainable" : "NOT sustainable: " + r.Verdict)}");
    }

    /// <summary>The machine's load while the run went on (other work on it skews every figure).</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";

    public static void Progress(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
}
