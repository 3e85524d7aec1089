using Microsoft.AspNetCore.Http.HttpResults;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Silo;

/// <summary>The read API over entities, sources and roll-ups.</summary>
public static class ApiEndpoints
{
    /// <summary>Registers the API's JSON context.</summary>
    public static IServiceCollection AddStreamingApi(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            o.SerializerOptions.Converters.Add(new IdJsonConverter<EntityKey>(k => k.Value, v => new EntityKey(v)));
            o.SerializerOptions.Converters.Add(new IdJsonConverter<SourceId>(k => k.Value, v => new SourceId(v)));
            o.SerializerOptions.Converters.Add(new IdJsonConverter<EnvelopeId>(k => k.Value, v => new EnvelopeId(v)));
        });

    /// <summary>Maps the read API.</summary>
    public static IEndpointRouteBuilder MapStreamingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/entities/{key}", async (string key, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(new EntityKey(key))).GetSnapshot()));
        api.MapGet("/entities/{key}/windows", (string key, string metric, string? size, DateTimeOffset? from, DateTimeOffset? to, string? kind,
            string? sandbox, IGrainFactory grains) => Windows(metric, size, kind, sandbox, grains, (series, span) => sandbox is null
                ? grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(new EntityKey(key))).GetWindows(series, span, from, to)
                : Sandboxed(grains, sandbox, GrainKeys.Entity(new EntityKey(key))).GetWindows(series, span, from, to)));
        api.MapGet("/sources/{id}", async (string id, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ISourceGrain>(GrainKeys.Source(new SourceId(id))).GetHealth()));
        api.MapGet("/sources/{id}/windows", (string id, string metric, string? size, DateTimeOffset? from, DateTimeOffset? to, string? kind,
            IGrainFactory grains) => Windows(metric, size, kind, null, grains, (series, span) =>
                grains.GetGrain<ISourceGrain>(GrainKeys.Source(new SourceId(id))).GetWindows(series, span, from, to)));
        api.MapGet("/trends", async (string? area, IGrainFactory grains) =>
            TypedResults.Ok(Views(await Rollup(grains, area).GetLatest())));
        api.MapGet("/trends/windows", (string metric, string? size, DateTimeOffset? from, DateTimeOffset? to, string? kind, string? area,
            string? sandbox, IGrainFactory grains) => Windows(metric, size, kind, sandbox, grains, (series, span) => sandbox is null
                ? Rollup(grains, area).GetWindows(series, span, from, to)
                : Sandboxed(grains, sandbox, RollupKey(area)).GetWindows(series, span, from, to)));
        return app;
    }

    private static WindowView[] Views(WindowResult[] windows) => Array.ConvertAll(windows, WindowView.From);

    // A windows query: 400 for a bad metric, size or kind, 404 for an unknown sandbox, else the windows the grain answers.
    private static async Task<Results<Ok<WindowView[]>, BadRequest<ApiProblem>, NotFound<ApiProblem>>> Windows(string metric, string? size,
        string? kind, string? sandbox, IGrainFactory grains, Func<SeriesKey, TimeSpan, Task<WindowResult[]>> query)
    {
        if (!TryParseQuery(metric, size, kind, out var series, out var span, out var problem))
        {
            return TypedResults.BadRequest(problem);
        }
        if (sandbox is not null && await SandboxEndpoints.Find(grains, sandbox) is null)
        {
            return TypedResults.NotFound(new ApiProblem("NoSandbox", $"there is no sandbox '{sandbox}'"));
        }
        return TypedResults.Ok(Views(await query(series, span)));
    }

    private static IRollupGrain Rollup(IGrainFactory grains, string? area) => grains.GetGrain<IRollupGrain>(RollupKey(area));

    private static string RollupKey(string? area) => string.IsNullOrEmpty(area) ? GrainKeys.System : GrainKeys.Area(area);

    // A sandbox's windows of one owner: its own grain, never the live one.
    private static ISandboxWindowsGrain Sandboxed(IGrainFactory grains, string sandbox, string owner) =>
        grains.GetGrain<ISandboxWindowsGrain>(SandboxKeys.Windows(sandbox, owner));

    private static bool TryParseQuery(string metric, string? size, string? kind, out SeriesKey series, out TimeSpan span, out ApiProblem problem)
    {
        series = default;
        problem = null!;
        if (!WindowSize.TryParse(size ?? "1m", out span))
        {
            problem = new ApiProblem("BadSize", $"size '{size}' is not a duration like 30s, 1m, 1h or 1d");
            return false;
        }
        if (!Enum.TryParse<EventKind>(kind ?? "sensor", ignoreCase: true, out var k) || !Enum.IsDefined(k))
        {
            problem = new ApiProblem("BadKind", $"kind '{kind}' is not one of sensor, social, media, record");
            return false;
        }
        series = new SeriesKey(k, MetricCatalog.CanonicalName(metric));
        return true;
    }
}
