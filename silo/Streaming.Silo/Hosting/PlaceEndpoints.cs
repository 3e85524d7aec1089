using Microsoft.AspNetCore.Http.HttpResults;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Silo;

/// <summary>Address search, nearest place, and registering sources to places.</summary>
public static class PlaceEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapPlaceEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/places/search", Results<Ok<PlaceView[]>, BadRequest<ApiProblem>> (string? q, int? limit, IPlaceRegistry places) =>
            string.IsNullOrWhiteSpace(q) || q.Length > 200
                ? TypedResults.BadRequest(new ApiProblem("BadQuery", "q must be 1 to 200 characters"))
                : TypedResults.Ok(places.Index.Search(q, Math.Clamp(limit ?? 10, 1, 50)).Select(m => PlaceView.From(m.Place, m.Score)).ToArray()));
        api.MapGet("/places/nearest", Results<Ok<PlaceView[]>, BadRequest<ApiProblem>> (double lat, double lon, int? limit, double? maxMetres, IPlaceRegistry places) =>
            lat is < -90 or > 90 || lon is < -180 or > 180
                ? TypedResults.BadRequest(new ApiProblem("BadCoordinates", "lat must be within ±90 and lon within ±180 degrees"))
                : TypedResults.Ok(places.Index.Nearest(lat, lon, Math.Clamp(limit ?? 5, 1, 50), maxMetres ?? double.PositiveInfinity)
                    .Select(m => PlaceView.From(m.Place, distance: m.DistanceMetres)).ToArray()));
        api.MapGet("/places/{id}", Results<Ok<PlaceView>, NotFound<ApiProblem>> (string id, IPlaceRegistry places) =>
            places.Find(id) is { } place ? TypedResults.Ok(PlaceView.From(place)) : TypedResults.NotFound(new ApiProblem("NotFound", $"no place '{id}'")));
        api.MapPut("/sources/{id}/link", Link);
        api.MapGet("/links/{system}/{id}", async Task<Results<Ok<RecordLinkDecision>, NotFound<ApiProblem>>> (string system, string id, IGrainFactory grains) =>
            await grains.GetGrain<IRecordLinkGrain>(GrainKeys.RecordLink(system, id)).Get() is { } link
                ? TypedResults.Ok(link) : TypedResults.NotFound(new ApiProblem("NotFound", $"no record {system}/{id} has been seen")));
        api.MapPost("/links/{system}/{id}/undo", async Task<Results<Ok<RecordLinkDecision>, NotFound<ApiProblem>>> (string system, string id, IGrainFactory grains) =>
            await grains.GetGrain<IRecordLinkGrain>(GrainKeys.RecordLink(system, id)).Undo() is { } link
                ? TypedResults.Ok(link) : TypedResults.NotFound(new ApiProblem("NotFound", $"no record {system}/{id} has been seen")));
        api.MapDelete("/sources/{id}/link", async (string id, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ISourceGrain>(GrainKeys.Source(new SourceId(id))).Unlink()));
        return app;
    }

    private static async Task<Results<Ok<SourceLink>, BadRequest<ApiProblem>>> Link(string id, LinkRequest request, IPlaceRegistry places, IGrainFactory grains)
    {
        EntityKey entity;
        if (request.Place is { Length: > 0 } placeId)
        {
            if (places.Find(placeId) is not { } place)
            {
                return TypedResults.BadRequest(new ApiProblem("UnknownPlace", $"no place '{placeId}'; search with /api/places/search"));
            }
            entity = place.Entity;
        }
        else if (request.Entity is { Length: > 0 and <= 256 } key)
        {
            entity = new EntityKey(key);
        }
        else
        {
            return TypedResults.BadRequest(new ApiProblem("MissingTarget", "give a place id ({\"place\":\"ods:L85001\"}) or an entity key"));
        }
        return TypedResults.Ok(await grains.GetGrain<ISourceGrain>(GrainKeys.Source(new SourceId(id))).Link(entity, "api"));
    }
}
