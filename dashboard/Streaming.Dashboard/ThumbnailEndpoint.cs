using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streaming.Ingress;

namespace Streaming.Dashboard;

/// <summary>
/// <c>GET /dashboard/thumbnails/{hash}</c>: a stored thumbnail, for signed-in staff only. Thumbnails were re-encoded
/// without metadata when stored, so no location leaves this way; originals are never served.
/// </summary>
public static class ThumbnailEndpoint
{
    private const string Prefix = "/dashboard/thumbnails/";

    /// <summary>The page's address of the thumbnail with content hash <paramref name="hash"/>.</summary>
    public static string PathFor(string hash) => Prefix + hash;

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapThumbnails(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "{hash}", async (string hash, MediaStore store, HttpContext http) =>
        {
            if (await store.ReadThumbnailAsync(hash, http.RequestAborted) is not { } jpeg)
            {
                return Results.NotFound();
            }
            // Named by content: it never changes, so the browser may keep it (privately: staff only).
            http.Response.Headers.CacheControl = "private, max-age=86400, immutable";
            return Results.File(jpeg, "image/jpeg");
        }).RequireAuthorization();
        return app;
    }
}
