using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Streaming.Domain;
using Streaming.Grains.Abstractions;
using Streaming.Ingress;

namespace Streaming.Dashboard;

/// <summary>
/// What the page fetches besides the hub, for signed-in staff only and answered the same from a silo or a separately
/// hosted dashboard: a group's window history for its charts, an entity's latest readings, and (operators) a dead
/// letter's resubmit, sent to the silo that holds it (the newest dead letters come with the pushes).
/// </summary>
public static class DashboardReads
{
    /// <summary>Most windows of history a chart gets.</summary>
    public const int HistoryWindows = 60;

    /// <summary>Maps the reads under <c>/dashboard</c>.</summary>
    public static IEndpointRouteBuilder MapDashboardReads(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/dashboard").RequireAuthorization();
        reads.MapGet("/windows", WindowsAsync);
        reads.MapGet("/entities/{key}", async (string key, IGrainFactory grains) =>
        {
            var snapshot = await grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(new EntityKey(key))).GetSnapshot();
            return Results.Ok(new EntityReadings(snapshot.Key, snapshot.Area,
                snapshot.Current.ToDictionary(c => c.Key, c => new EntityReading(c.Value.Value, c.Value.Unit, c.Value.EventTime, c.Value.Source))));
        });
        reads.MapPost("/deadletters/{id}/resubmit", ResubmitAsync).DisableAntiforgery()
            .RequireAuthorization(p => p.RequireRole(DashboardRoles.Operator));
        return app;
    }

    // The newest windows of a group's series (system, area:{id} or entity:{key}), oldest first; 400 for a bad query.
    private static async Task<IResult> WindowsAsync(string group, string metric, string? kind, string? size, IGrainFactory grains)
    {
        if (!TrendGroups.IsValid(group) || group.StartsWith(TrendGroups.TopPrefix, StringComparison.Ordinal))
        {
            return Results.BadRequest(new { error = "BadGroup", detail = "group is system, area:{id} or entity:{key}" });
        }
        if (!WindowSize.TryParse(size ?? "1m", out var span))
        {
            return Results.BadRequest(new { error = "BadSize", detail = $"size '{size}' is not a duration like 30s, 1m, 1h or 1d" });
        }
        if (!Enum.TryParse<EventKind>(kind ?? "sensor", ignoreCase: true, out var k) || !Enum.IsDefined(k))
        {
            return Results.BadRequest(new { error = "BadKind", detail = $"kind '{kind}' is not one of sensor, social, media, record" });
        }
        var series = new SeriesKey(k, MetricCatalog.CanonicalName(metric));
        var owner = TrendGroups.OwnerOf(group);
        var windows = group.StartsWith("entity:", StringComparison.Ordinal)
            ? await grains.GetGrain<IEntityQueryGrain>(GrainKeys.Entity(new EntityKey(owner))).GetWindows(series, span, null, null)
            : await grains.GetGrain<IRollupGrain>(owner).GetWindows(series, span, null, null);
        return Results.Ok(windows.TakeLast(HistoryWindows).Select(w => TrendWindow.From(owner, w)));
    }

    private static async Task<IResult> ResubmitAsync(string id, HttpContext http, DeadLetterBoard board, IGrainFactory grains,
        IOptions<HttpIngressOptions> limits, TimeProvider time)
    {
        // The page resubmits as it was; a corrected body (as the read API takes) is read within the ingest limit.
        using var body = await BoundedBody.ReadAsync(http.Request.Body, limits.Value.MaxBodyBytes, http.RequestAborted);
        if (body.TooLarge)
        {
            return Results.Json(new { error = "TooLarge", detail = $"the body is larger than the limit of {limits.Value.MaxBodyBytes} bytes" },
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        var answer = ResubmitAnswer.NotFound($"no recent dead letter '{id}' on any silo");
        foreach (var silo in board.SilosFor(id, time.GetUtcNow()))
        {
            answer = await grains.GetGrain<IDeadLetterDeskGrain>(silo).Resubmit(id, body.Memory.ToArray());
            if (answer.Status != StatusCodes.Status404NotFound)
            {
                break;
            }
        }
        return answer.Status == StatusCodes.Status202Accepted
            ? Results.Json(new
            {
                accepted = answer.Accepted, rejected = answer.Rejected,
                rejections = answer.Reasons.Zip(answer.Details, (reason, detail) => new { reason, detail }),
            }, statusCode: answer.Status)
            : Results.Json(new { error = answer.Problem, detail = answer.Details.FirstOrDefault() }, statusCode: answer.Status);
    }
}

/// <summary>An entity's latest reading of each metric, as the page lists them (<c>GET /dashboard/entities/{key}</c>).</summary>
public sealed record EntityReadings(string Key, string Area, IReadOnlyDictionary<string, EntityReading> Current);

/// <summary>One latest reading.</summary>
public sealed record EntityReading(double Value, string Unit, DateTimeOffset EventTime, string Source);
