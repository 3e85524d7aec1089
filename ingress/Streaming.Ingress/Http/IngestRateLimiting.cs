using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// A token bucket per sender on the ingest endpoints, so one flooding device cannot crowd out the rest: a refused
/// request gets 429 with Retry-After (the sender keeps its events and retries) and one dead letter at RateLimit.
/// The sender is the <c>source</c> query parameter, else the client address. An endpoint filter of ours rather than
/// ASP.NET's partitioned limiter, whose timer walked every sender's bucket ten times a second: these buckets refill when
/// their sender next asks (<see cref="TokenBuckets"/>), so the cost follows the requests, not the number of senders.
/// </summary>
public static class IngestRateLimiting
{
    /// <summary>Registers the buckets (from <see cref="HttpIngressOptions.RequestsPerSecond"/> and <see cref="HttpIngressOptions.Burst"/>).</summary>
    public static IServiceCollection AddIngestRateLimiting(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SenderBuckets>();
        return services;
    }

    /// <summary>Limits the endpoint per sender. The filter runs before the handler reads the body.</summary>
    public static RouteHandlerBuilder RequireIngestRateLimit(this RouteHandlerBuilder endpoint) => endpoint.AddEndpointFilter(LimitAsync);

    private static async ValueTask<object?> LimitAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var source = http.Request.Query["source"].FirstOrDefault();
        var sender = source ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (http.RequestServices.GetRequiredService<SenderBuckets>().TryAcquire(sender))
        {
            return await next(context);
        }
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var provenance = Provenance.Http(http.Request.Path, time.GetUtcNow(), http.Connection.RemoteIpAddress?.ToString());
        http.RequestServices.GetRequiredService<DeadLetterOffice>().Post(new DeadLetter(Guid.NewGuid().ToString("N"),
            DeadLetterStage.RateLimit, "RateLimited", "more ingest requests than the sender's limit; the body was not read",
            provenance, [], http.Request.ContentType, source, null, time.GetUtcNow(), 1));
        // At one token a second or more, the next token is never more than a second away.
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Json(new ProblemResponse("RateLimited", "too many requests from this sender; retry after a second"),
            IngressJsonContext.Default.ProblemResponse, statusCode: StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The senders' buckets; none when <see cref="HttpIngressOptions.RequestsPerSecond"/> is 0 (no limit).</summary>
    internal sealed class SenderBuckets
    {
        private readonly TokenBuckets? _buckets;
        private readonly TimeProvider _time;
        private readonly long _start;

        public SenderBuckets(IOptions<HttpIngressOptions> options, TimeProvider time)
        {
            var o = options.Value;
            _buckets = o.RequestsPerSecond == 0 ? null : new TokenBuckets(new TokenBucketLimits(o.RequestsPerSecond, o.Burst));
            _time = time;
            _start = time.GetTimestamp();
        }

        public bool TryAcquire(string sender) => _buckets?.TryTake(sender, _time.GetElapsedTime(_start).Ticks) ?? true;
    }
}
