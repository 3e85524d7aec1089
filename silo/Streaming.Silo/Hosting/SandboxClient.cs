using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Streaming.Grains.Abstractions;
using Streaming.Ingress;

namespace Streaming.Silo;

/// <summary>
/// <c>replay --sandbox</c> and <c>replay diff</c>: a sandbox lives in the platform's grains, so the command asks the running
/// silo over HTTP (<c>POST /api/replay/sandbox</c>), follows the run's progress once a second and cancels it on Ctrl-C.
/// With no silo answering it says so and exits 1 (exports need no silo).
/// </summary>
public static class SandboxClient
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    /// <summary>Starts the sandbox run and follows it; 0 when it completed.</summary>
    public static async Task<int> RunAsync(ReplayArguments args, IConfiguration config, CancellationToken cancellationToken)
    {
        using var http = Client(args.Silo, config);
        var p = args.Plan;
        var request = new SandboxRequest(args.Sandbox, p.From, p.To, [.. p.Sources], [.. p.Kinds.Select(k => k.ToString().ToLowerInvariant())],
            [.. p.Metrics], args.Settings.ToDictionary(s => s.Key, s => JsonSerializer.SerializeToElement(s.Value, SandboxJsonContext.Default.String)));
        using var started = await Send(http, () => http.PostAsJsonAsync("/api/replay/sandbox", request, SandboxJsonContext.Default.SandboxRequest));
        if (started is null || !await Succeeded(started, HttpStatusCode.Accepted))
        {
            return 1;
        }
        var run = (await started.Content.ReadFromJsonAsync(SandboxJsonContext.Default.ReplayRunView, CancellationToken.None))!;
        await Console.Out.WriteLineAsync($"replay: sandbox {args.Sandbox} run {run.Id} started on {http.BaseAddress}");
        var progress = new ReplayConsoleProgress(Console.Out);
        var cancelled = false;
        while (run.State == SandboxRunState.Running)
        {
            try
            {
                await Task.Delay(PollEvery, cancellationToken);
            }
            catch (OperationCanceledException) when (!cancelled)
            {
                // Ctrl-C: ask the silo to stop the run, then follow it until it says it has.
                cancelled = true;
                using var _ = await http.DeleteAsync(new Uri($"/api/replay/runs/{run.Id}", UriKind.Relative), CancellationToken.None);
            }
            run = (await http.GetFromJsonAsync($"/api/replay/runs/{run.Id}", SandboxJsonContext.Default.ReplayRunView, CancellationToken.None))!;
            progress.Report(new ReplayProgress(run.Events, run.Readings, run.EventsPerSecond,
                run.SecondsLeft is { } s ? TimeSpan.FromSeconds(s) : null, run.State != SandboxRunState.Running));
        }
        var message = run.State switch
        {
            SandboxRunState.Completed => $"replay: sandbox {args.Sandbox} is ready; compare it with live: replay diff --sandbox {args.Sandbox}",
            SandboxRunState.Failed => $"replay: sandbox {args.Sandbox} failed: {run.Error}",
            _ => $"replay: sandbox {args.Sandbox} was cancelled",
        };
        await (run.State == SandboxRunState.Completed ? Console.Out : Console.Error).WriteLineAsync(message);
        return run.State == SandboxRunState.Completed ? 0 : 1;
    }

    /// <summary><c>replay diff --sandbox NAME [--limit N] [--silo URL]</c>: prints the diff's counts and windows; 0 when it could.</summary>
    public static async Task<int> DiffAsync(IReadOnlyList<string> args, IConfiguration config)
    {
        string? Value(string name) => args.Select((a, i) => (a, i)).Where(x => x.a == name && x.i + 1 < args.Count).Select(x => args[x.i + 1]).LastOrDefault();
        var sandbox = Value("--sandbox");
        var limit = Value("--limit") ?? "1000";
        if (!SandboxNames.IsValid(sandbox) || !int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            || args.Where((a, i) => i % 2 == 0).Any(a => a is not ("--sandbox" or "--limit" or "--silo")) || args.Count % 2 != 0)
        {
            await Console.Error.WriteLineAsync($"replay diff: --sandbox NAME is required ({SandboxNames.Rule}); --limit takes a number\n{ReplayArguments.Usage}");
            return 1;
        }
        using var http = Client(Value("--silo"), config);
        using var response = await Send(http, () => http.GetAsync(new Uri($"/api/replay/sandbox/{sandbox}/diff?limit={limit}", UriKind.Relative)));
        if (response is null || !await Succeeded(response, HttpStatusCode.OK))
        {
            return 1;
        }
        var diff = (await response.Content.ReadFromJsonAsync(SandboxJsonContext.Default.SandboxDiffView))!;
        var sum = diff.Summary;
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"sandbox {diff.Sandbox} vs live, {diff.From:O} to {diff.To:O}: {sum.Compared} windows compared, {sum.Unchanged} unchanged, "
            + $"{sum.Changed} changed, {sum.OnlyInSandbox} only in sandbox, {sum.OnlyInLive} only in live{(diff.Truncated ? " (lists cut at --limit)" : "")}"));
        foreach (var (label, list) in new[] { ("changed", diff.Changed), ("only in sandbox", diff.OnlyInSandbox), ("only in live", diff.OnlyInLive) })
        {
            foreach (var c in list)
            {
                var fields = string.Join(", ", c.Fields.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Field} {f.Live} -> {f.Sandbox}")));
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{label}: {c.Owner} {c.Kind}/{c.Metric} {c.Size} {c.Start:O} {fields}"));
            }
        }
        return 0;
    }

    private static HttpClient Client(string? silo, IConfiguration config)
    {
        var url = silo ?? (config["Urls"] ?? "http://127.0.0.1:5080").Split(';')[0]
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal);
        return new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
    }

    // Null (having said why) when no silo answers: a sandbox needs the platform running.
    private static async Task<HttpResponseMessage?> Send(HttpClient http, Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"replay: a sandbox needs the platform running, and no silo answered at {http.BaseAddress} "
                + $"({ex.Message}). Start it (dotnet run --project silo/Streaming.Silo) or pass --silo URL; exports (--out) work without it.");
            return null;
        }
    }

    private static async Task<bool> Succeeded(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode == expected)
        {
            return true;
        }
        await Console.Error.WriteLineAsync($"replay: the silo answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return false;
    }
}
