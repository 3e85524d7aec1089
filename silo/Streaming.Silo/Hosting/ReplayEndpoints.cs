using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Streaming.Domain;
using Streaming.Grains;
using Streaming.Grains.Abstractions;
using Streaming.Ingress;

namespace Streaming.Silo;

/// <summary>
/// <c>POST /api/replay/export</c>: exports a time range from this silo's archive and answers with the file. The export
/// runs within the request into a temporary file, then streams out (fine for a day or a week). The silo's own settings
/// drive cleaning, linking and windows. <c>POST /api/replay/exports</c> runs the same export in the background as a replay
/// run (<see cref="ExportRunner"/>), followed and cancelled like a sandbox run, its file served once by
/// <c>GET /api/replay/runs/{id}/file</c>. Also maps the sandbox and run endpoints (<see cref="SandboxEndpoints"/>).
/// </summary>
public static class ReplayEndpoints
{
    private const int MaxRequestBytes = 64 * 1024;

    /// <summary>Maps the replay endpoints.</summary>
    public static IEndpointRouteBuilder MapReplayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/replay/export", async Task<Results<FileStreamHttpResult, BadRequest<ApiProblem>, NotFound<ApiProblem>>> (
            HttpRequest request, IOptions<ReplayOptions> replay, IOptions<CleaningOptions> cleaning, IOptions<WindowOptions> windows,
            IOptions<LinkingOptions> linking, IPlaceRegistry places, TimeProvider time, ILoggerFactory logs) =>
        {
            var (_, plan, format, problem) = await ReadAsync(request, replay.Value, paced: false);
            if (problem is not null)
            {
                return problem.Error == "NoHistory" ? TypedResults.NotFound(problem) : TypedResults.BadRequest(problem);
            }
            var temp = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}");
            var settings = ReplaySetup.Settings(cleaning.Value, windows.Value, linking.Value, places);
            var started = time.GetTimestamp();
            ReplayResult result;
            try
            {
                await using var writer = ReplayWriters.Create(format, new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite));
                result = await new ReplayExporter(replay.Value.ArchiveFolder, settings, time)
                    .ExportAsync(plan!, writer, null, request.HttpContext.RequestAborted);
            }
            catch (Exception) when (Discard(temp))
            {
                throw; // Not reached: Discard deletes the partial file and declines to handle the exception.
            }
            Log(logs.CreateLogger(typeof(ReplayEndpoints).FullName!), plan!, result, time.GetElapsedTime(started));
            var file = new FileStream(
                temp, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            return TypedResults.File(file, ReplayWriters.ContentType(format), "replay" + Extension(format));
        });
        app.MapPost("/api/replay/exports", async Task<Results<Accepted<ReplayRunView>, BadRequest<ApiProblem>, NotFound<ApiProblem>>> (
            HttpRequest request, IOptions<ReplayOptions> replay, ExportRunner runner, ReplayRuns runs) =>
        {
            var (asked, plan, format, problem) = await ReadAsync(request, replay.Value, paced: true);
            if (problem is not null)
            {
                return problem.Error == "NoHistory" ? TypedResults.NotFound(problem) : TypedResults.BadRequest(problem);
            }
            // An export run has no sandbox, so nothing can be running in its way.
            var run = runs.TryStart("export", null, r => runner.RunAsync(r, plan!, format, asked!.MaxEventsPerSecond))!;
            return TypedResults.Accepted($"/api/replay/runs/{run.Id}", run.View());
        });
        app.MapGet("/api/replay/runs/{id}/file", Results<FileStreamHttpResult, NotFound<ApiProblem>, Conflict<ApiProblem>> (string id, ReplayRuns runs) =>
        {
            if (runs.Find(id) is not { Kind: "export" } run)
            {
                return TypedResults.NotFound(new ApiProblem("NoExport", $"this silo has no export run '{id}'"));
            }
            if (run.State == SandboxRunState.Running)
            {
                return TypedResults.Conflict(new ApiProblem("Running", $"export run '{id}' is still running: wait for it to complete"));
            }
            if (run.State != SandboxRunState.Completed || run.TakeFile() is not { } export)
            {
                return TypedResults.NotFound(new ApiProblem("NoFile",
                    $"export run '{id}' is {run.State.ToString().ToLowerInvariant()} and has no file (a file is downloaded once)"));
            }
            var file = new FileStream(
                export.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            return TypedResults.File(file, export.ContentType, export.Name);
        });
        app.MapSandboxEndpoints();
        return app;
    }

    // The request, its plan and format, or the problem to answer (NoHistory as a 404, any other as a 400). Only an export
    // run is paced, so only its maxEventsPerSecond is checked (the synchronous export ignores it, as it always has).
    private static async Task<(ReplayRequest? Asked, ReplayPlan? Plan, ReplayFormat Format, ApiProblem? Problem)> ReadAsync(
        HttpRequest request, ReplayOptions replay, bool paced)
    {
        using var body = await BoundedBody.ReadAsync(request.Body, MaxRequestBytes, request.HttpContext.RequestAborted);
        if (body.TooLarge)
        {
            return (null, null, default, new ApiProblem("TooLarge", $"the request is over {MaxRequestBytes} bytes"));
        }
        if (Parse(body.Memory) is not { } asked)
        {
            return (null, null, default, new ApiProblem("Malformed", "the body must be JSON: {from, to, sources, kinds, metrics, format}"));
        }
        if (Plan(asked, out var format) is not { } plan)
        {
            return (asked, null, format, Problem(asked));
        }
        if (paced && asked.MaxEventsPerSecond is { } rate && !(rate > 0 && double.IsFinite(rate)))
        {
            return (asked, null, format, new ApiProblem("BadRate", "maxEventsPerSecond must be a positive number"));
        }
        if (!replay.Archive)
        {
            return (asked, null, format, new ApiProblem("NoHistory", "Replay:Archive is false on this silo: there is no history to export"));
        }
        return (asked, plan, format, null);
    }

    // An export that failed or was cancelled leaves no temporary file behind; the exception goes on to the host.
    private static bool Discard(string temp)
    {
        File.Delete(temp);
        return false;
    }

    internal static void Log(ILogger logger, ReplayPlan plan, ReplayResult result, TimeSpan elapsed)
    {
        ReplayLog.Exported(logger, plan.From, plan.To, result.Events, result.Rows, elapsed);
        if (result.SkippedLines > 0)
        {
            ReplayLog.SkippedLines(logger, plan.From, plan.To, result.SkippedLines);
        }
    }

    private static ReplayRequest? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, ReplayRequestJsonContext.Default.ReplayRequest);
        }
        catch (JsonException)
        {
            // Answered as a 400 by the caller.
            return null;
        }
    }

    private static ReplayPlan? Plan(ReplayRequest r, out ReplayFormat format)
    {
        format = ReplayWriters.FormatOf("x." + (r.Format ?? "jsonl")) ?? ReplayFormat.JsonLines;
        if (Problem(r).Detail.Length > 0 || !ReplayArguments.TryKinds(r.Kinds ?? [], out var kinds, out _))
        {
            return null;
        }
        return new ReplayPlan(r.From!.Value, r.To!.Value, r.Sources ?? [], kinds, r.Metrics ?? []);
    }

    private static ApiProblem Problem(ReplayRequest r) =>
        r.From is not { } from || r.To is not { } to ? new("BadRange", "from and to are required ISO 8601 times")
        : from >= to ? new("BadRange", "from must be before to")
        : r.Format is { } f && ReplayWriters.FormatOf("x." + f) is null ? new("BadFormat", $"format '{f}' is not jsonl, csv or parquet")
        : !ReplayArguments.TryKinds(r.Kinds ?? [], out _, out var bad)
            ? new("BadKind", $"kind '{bad}' is not one of sensor, social, media, record")
        : new(string.Empty, string.Empty);

    internal static string Extension(ReplayFormat format) => format switch
    {
        ReplayFormat.Csv => ".csv",
        ReplayFormat.Parquet => ".parquet",
        _ => ".jsonl",
    };
}
