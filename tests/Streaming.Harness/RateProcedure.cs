using System.Globalization;

namespace Streaming.Harness;

/// <summary>
/// The rate procedure shared by every throughput scenario, end to end or bare: one fixed-rate run, or (with
/// <c>--find-max</c>) steps of rising rate until one is not sustainable, then a run at half the highest sustainable
/// rate for the latency figures.
/// </summary>
internal static class RateProcedure
{
    public sealed record Outcome(StepResult? Fixed, StepResult? Best, StepResult? Half, List<StepResult> Steps)
    {
        /// <summary>The rate this procedure stands for: the highest sustainable one, or the fixed run's achieved rate.</summary>
        public double Headline => Best?.Step.Rate ?? Fixed?.AchievedRate ?? 0;
    }

    public static async Task<Outcome> RunAsync(OpenLoop loop, Settings settings, string label)
    {
        if (settings.Warmup > 0)
        {
            // Long enough that every source sends at least once: the first event of a source activates its grains,
            // which costs far more than a steady-state event and is not what the steps measure.
            var seconds = Math.Max(settings.Warmup, 1.2 * settings.Sources / settings.Rate);
            var warm = await loop.RunAsync(settings.Rate, TimeSpan.FromSeconds(seconds), warmUp: true);
            Report.Progress($"{label} warm-up (not reported): {Report.Describe(warm)}");
        }
        var steps = new List<StepResult>();
        if (!settings.FindMax)
        {
            var run = await loop.RunAsync(settings.Rate, TimeSpan.FromSeconds(settings.Duration));
            Report.Progress($"{label}: {Report.Describe(run)}");
            return new Outcome(run, null, null, [run]);
        }
        StepResult? best = null;
        // Below the first rate too: halve it (at most 4 times) until a step is sustainable, then climb from there.
        var first = settings.Rate;
        for (var down = 0; down < 4; down++)
        {
            var probe = await loop.RunAsync(Math.Round(first), TimeSpan.FromSeconds(settings.StepSeconds));
            steps.Add(probe);
            Report.Progress($"{label} step: {Report.Describe(probe)}");
            if (probe.Sustainable)
            {
                best = probe;
                break;
            }
            await OpenLoop.SettleAsync(probe.Step, TimeSpan.FromSeconds(120));
            first /= 2;
        }
        for (var rate = first * settings.Growth; best is not null && rate <= settings.MaxRate; rate *= settings.Growth)
        {
            var step = await loop.RunAsync(Math.Round(rate), TimeSpan.FromSeconds(settings.StepSeconds));
            steps.Add(step);
            Report.Progress($"{label} step: {Report.Describe(step)}");
            if (!step.Sustainable)
            {
                // What the overloaded step left queued would count against the half-rate run: let it come out first.
                await OpenLoop.SettleAsync(step.Step, TimeSpan.FromSeconds(120));
                break;
            }
            best = step;
            // Let the platform settle before the next step, so one step's tail does not count against the next.
            await Task.Delay(1000);
        }
        StepResult? half = null;
        if (best is not null)
        {
            half = await loop.RunAsync(Math.Round(best.Step.Rate / 2), TimeSpan.FromSeconds(settings.Duration));
            Report.Progress($"{label} at half the highest sustainable rate: {Report.Describe(half)}");
        }
        return new Outcome(null, best, half, steps);
    }

    /// <summary>The figures of an outcome in one line, for the row.</summary>
    public static string Figures(Outcome o)
    {
        if (o.Fixed is { } f)
        {
            return Inv($"{Report.Rate(f.Step.Rate)} ev/s target for {f.Step.Duration.TotalSeconds:F0} s: achieved {Report.Rate(f.AchievedRate)} ev/s ")
                + Inv($"({f.Step.Delivered:N0} of {f.Step.Sent:N0} out); out {Report.Latency(f.Delivery)}")
                + (f.Ack.TotalCount > 0 ? $"; ack p99 {Report.Ms(f.Ack.GetValueAtPercentile(99))}" : "")
                + (f.EventsPerCpuSecond is { } perCpu ? Inv($"; {perCpu:N0} ev/CPU-s") + Together(f) : "")
                + (f.AllocatedPerEvent is { } perEvent ? Inv($"; {perEvent / 1024:N0} KiB allocated/event") : "")
                + $"; {(f.Sustainable ? "bounded" : "NOT bounded: " + f.Verdict)}";
        }
        var tried = string.Join(", ", o.Steps.Select(s => Report.Rate(s.Step.Rate) + (s.Sustainable ? "" : " (no: " + s.Verdict + ")")));
        if (o.Best is not { } best)
        {
            return $"no sustainable rate; tried {tried}";
        }
        var half = o.Half!;
        return Inv($"max sustainable {Report.Rate(best.Step.Rate)} ev/s ({best.Step.Duration.TotalSeconds:F0} s steps: {tried})")
            + (best.EventsPerCpuSecond is { } bestPerCpu ? Inv($", {bestPerCpu:N0} ev/CPU-s") + Together(best) : "")
            + (best.AllocatedPerEvent is { } bestAlloc ? Inv($", {bestAlloc / 1024:N0} KiB allocated/event") : "")
            + $"; at {Report.Rate(half.Step.Rate)} ev/s: out {Report.Latency(half.Delivery)}"
            + (half.Ack.TotalCount > 0 ? $", ack p99 {Report.Ms(half.Ack.GetValueAtPercentile(99))}" : "");
    }

    /// <summary>
    /// With other processes (a separate broker, PostgreSQL): the silo's figure is its own, and this adds each one's share
    /// and all together.
    /// </summary>
    private static string Together(StepResult r) => r.EventsPerCpuSecondTogether is { } all
        ? Inv($" silo alone, {all:N0} ev/CPU-s silo+{string.Join('+', r.OtherCpu.Select(o => o.Name))} (")
            + string.Concat(r.OtherCpu.Select(o => Inv($"{o.Name} {o.Seconds:F1} CPU-s, "))) + Inv($"silo {r.CpuSeconds:F1} CPU-s)")
        : "";

    private static string Inv(FormattableString s) => FormattableString.Invariant(s);
}
