using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streaming.Dashboard;

/// <summary>
/// Refuses (403) a hub connection, a sign-in or a page's action (a POST under <c>/dashboard</c>) whose <c>Origin</c> header names another site than this one or one in
/// <see cref="DashboardOptions.AllowedOrigins"/>: a foreign page must not use a signed-in browser's cookie. Requests
/// without an <c>Origin</c> (not from a browser page) pass, and still need a signed-in user.
/// </summary>
public sealed partial class OriginPolicy(RequestDelegate next, IOptions<DashboardOptions> options, ILogger<OriginPolicy> logger)
{
    /// <summary>Checks guarded requests, then hands on.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var guarded = request.Path.StartsWithSegments(DashboardEndpoints.HubPath)
            || (HttpMethods.IsPost(request.Method) && (request.Path.StartsWithSegments("/account") || request.Path.StartsWithSegments("/dashboard")));
        var origin = request.Headers.Origin.ToString();
        if (!guarded || origin.Length == 0 || IsAllowed(origin, request))
        {
            return next(context);
        }
        LogRefused(origin, request.Path);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private bool IsAllowed(string origin, HttpRequest request) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
        || options.Value.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(3020, LogLevel.Warning, "Refused a request to {Path} from foreign origin {Origin}")]
    private partial void LogRefused(string origin, string path);
}
