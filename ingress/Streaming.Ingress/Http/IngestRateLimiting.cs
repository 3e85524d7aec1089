using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// A token bucket per sender on the ingest endpoints, so one flooding device cannot crowd out the rest: a refused
/// request gets 429 with Retry-After (the sender keeps its events and retries) and one dead letter at RateLimit.
/// </summary>
public static class IngestRateLimiting
{
    /// <summary>The policy name the ingest endpoints require.</summary>
    public const string Policy = "ingest";

    /// <summary>Registers the policy.</summary>
    public static IServiceCollection AddIngestRateLimiting(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.AddPolicy(Policy, http =>
        {
            var limits = http.RequestServices.GetRequiredService<IOptions<HttpIngressOptions>>().Value;
            var sender = http.Request.Query["source"].FirstOrDefault() ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return limits.RequestsPerSecond == 0
                ? RateLimitPartition.GetNoLimiter(sender)
                : RateLimitPartition.GetTokenBucketLimiter(sender, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst, TokensPerPeriod = limits.RequestsPerSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0, AutoReplenishment = true,
                });
        });
        o.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            var time = http.RequestServices.GetRequiredService<TimeProvider>();
            var source = http.Request.Query["source"].FirstOrDefault();
            var provenance = Provenance.Http(http.Request.Path, time.GetUtcNow(), http.Connection.RemoteIpAddress?.ToString());
            http.RequestServices.GetRequiredService<DeadLetterOffice>().Post(new DeadLetter(Guid.NewGuid().ToString("N"),
                DeadLetterStage.RateLimit, "RateLimited", "more ingest requests than the sender's limit; the body was not read",
                provenance, [], http.Request.ContentType, source, null, time.GetUtcNow(), 1));
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = "1";
            await http.Response.WriteAsJsonAsync(new ProblemResponse("RateLimited", "too many requests from this sender; retry after a second"),
                IngressJsonContext.Default.ProblemResponse, cancellationToken: cancellationToken);
        };
    });
}
