using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Streaming.Grains.Abstractions;
using Streaming.Ingress;

namespace Streaming.Silo;

/// <summary>
/// Sandboxes and replay runs: <c>POST /api/replay/sandbox</c> starts a run (202 with the run), <c>GET</c>/<c>DELETE
/// /api/replay/sandbox/{name}</c>, <c>GET /api/replay/sandbox/{name}/diff</c>, and <c>GET</c>/<c>DELETE
/// /api/replay/runs/{id}</c> for progress and cancelling. Sandbox windows are read through the read API's <c>sandbox</c>
/// parameter.
/// </summary>
public static class SandboxEndpoints
{
    private const int MaxRequestBytes = 64 * 1024;
    private const int DefaultDiffLimit = 1000;

    /// <summary>Registers the run registry, the sandbox and export runners, the sandbox publisher (Kafka when the output is on).</summary>
    public static IServiceCollection AddReplaySandbox(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, SandboxJsonContext.Default));
        services.AddSingleton<ReplayRuns>();
        services.AddSingleton<SandboxRunner>();
        services.AddSingleton<ExportRunner>();
        services.AddSingleton<ISandboxPublisher>(sp => sp.GetService<KafkaOutputProducer>() is { } producer
            ? new KafkaSandboxPublisher(producer, sp.GetService<EmbeddedKafkaBroker>()) : new DisabledSandboxPublisher());
        return services;
    }

    /// <summary>Maps the sandbox and run endpoints.</summary>
    public static IEndpointRouteBuilder MapSandboxEndpoints(this IEndpointRouteBuilder app)
    {
        var replay = app.MapGroup("/api/replay");
        replay.MapPost("/sandbox", async Task<Results<Accepted<ReplayRunView>, BadRequest<ApiProblem>, NotFound<ApiProblem>, Conflict<ApiProblem>>> (
            HttpRequest request, IOptions<ReplayOptions> options, SandboxRunner runner, ReplayRuns runs) =>
        {
            using var body = await BoundedBody.ReadAsync(request.Body, MaxRequestBytes, request.HttpContext.RequestAborted);
            if (body.TooLarge || SandboxRequests.Parse(body.Memory) is not { } asked)
            {
                return TypedResults.BadRequest(new ApiProblem("Malformed",
                    $"the body must be JSON of at most {MaxRequestBytes} bytes: {{name, from, to, sources, kinds, metrics, settings}}"));
            }
            if (SandboxRequests.Check(asked, out var plan, out var overrides) is { } problem)
            {
                return TypedResults.BadRequest(problem);
            }
            if (runner.Settings(overrides, out var error) is not { } settings)
            {
                return TypedResults.BadRequest(new ApiProblem("BadSetting", error!));
            }
            if (!options.Value.Archive)
            {
                return TypedResults.NotFound(new ApiProblem("NoHistory", "Replay:Archive is false on this silo: there is no history to replay"));
            }
            var name = asked.Name!;
            var run = runs.TryStart("sandbox", name, r => runner.RunAsync(r, SandboxRequests.Info(name, plan, overrides, r), plan, settings, asked.MaxEventsPerSecond));
            return run is null
                ? TypedResults.Conflict(new ApiProblem("Running", $"sandbox '{name}' has a run in progress: wait for it or cancel it"))
                : TypedResults.Accepted($"/api/replay/runs/{run.Id}", run.View());
        });
        replay.MapGet("/sandbox/{name}", async Task<Results<Ok<SandboxInfo>, NotFound<ApiProblem>>> (string name, IGrainFactory grains) =>
            await Find(grains, name) is { } info ? TypedResults.Ok(info) : TypedResults.NotFound(NoSandbox(name)));
        replay.MapDelete("/sandbox/{name}", async Task<Results<NoContent, NotFound<ApiProblem>, Conflict<ApiProblem>>> (
            string name, SandboxRunner runner, ReplayRuns runs) =>
        {
            if (runs.RunningFor(name) is not null)
            {
                return TypedResults.Conflict(new ApiProblem("Running", $"sandbox '{name}' has a run in progress: cancel it first"));
            }
            return SandboxNames.IsValid(name) && await runner.RemoveAsync(name) is not null ? TypedResults.NoContent() : TypedResults.NotFound(NoSandbox(name));
        });
        replay.MapGet("/sandbox/{name}/diff", async Task<Results<Ok<SandboxDiffView>, NotFound<ApiProblem>, Conflict<ApiProblem>>> (
            string name, int? limit, IGrainFactory grains) =>
        {
            if (await Find(grains, name) is not { } info)
            {
                return TypedResults.NotFound(NoSandbox(name));
            }
            if (info.State != SandboxRunState.Completed)
            {
                return TypedResults.Conflict(new ApiProblem("NotCompleted", $"sandbox '{name}' is {info.State.ToString().ToLowerInvariant()}: it has no windows to compare"));
            }
            return TypedResults.Ok(await SandboxDiff.ComputeAsync(grains, info, Math.Max(0, limit ?? DefaultDiffLimit)));
        });
        replay.MapGet("/runs/{id}", Results<Ok<ReplayRunView>, NotFound<ApiProblem>> (string id, ReplayRuns runs) =>
            runs.Find(id) is { } run ? TypedResults.Ok(run.View()) : TypedResults.NotFound(NoRun(id)));
        replay.MapDelete("/runs/{id}", Results<Accepted<ReplayRunView>, NotFound<ApiProblem>> (string id, ReplayRuns runs) =>
        {
            if (runs.Find(id) is not { } run)
            {
                return TypedResults.NotFound(NoRun(id));
            }
            run.Cancel();
            return TypedResults.Accepted($"/api/replay/runs/{run.Id}", run.View());
        });
        return app;
    }

    /// <summary>The sandbox of this name, or null when the name is not valid or there is none.</summary>
    public static async Task<SandboxInfo?> Find(IGrainFactory grains, string name) =>
        SandboxNames.IsValid(name) ? await grains.GetGrain<ISandboxGrain>(name).GetInfo() : null;

    private static ApiProblem NoSandbox(string name) => new("NoSandbox", $"there is no sandbox '{name}'");

    private static ApiProblem NoRun(string id) => new("NoRun", $"this silo has no replay run '{id}' (runs are kept by the silo that started them)");
}
