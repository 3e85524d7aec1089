using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress;

/// <summary><c>POST /api/ingest</c>: our sensor JSON (one event or an array) or a SenML pack; 202 with a report.</summary>
public static partial class IngestEndpoint
{
    /// <summary>The SenML JSON media type (RFC 8428).</summary>
    public const string SenMLContentType = "application/senml+json";

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapIngestEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ingest", Ingest).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Ingest(HttpContext http, IngestPipeline pipeline, IOptions<HttpIngressOptions> options,
        TimeProvider time, ILoggerFactory loggers, string? source = null)
    {
        var limits = options.Value;
        var logger = loggers.CreateLogger(typeof(IngestEndpoint));
        if (http.Request.ContentLength > limits.MaxBodyBytes)
        {
            return TooLarge(limits.MaxBodyBytes);
        }
        using var body = await BoundedBody.ReadAsync(http.Request.Body, limits.MaxBodyBytes, http.RequestAborted);
        if (body.TooLarge)
        {
            return TooLarge(limits.MaxBodyBytes);
        }

        var context = new DecodeContext(Provenance.Http("/api/ingest", time.GetUtcNow(), http.Connection.RemoteIpAddress?.ToString()),
            string.IsNullOrWhiteSpace(source) ? null : new SourceId(source), null,
            new DecodeLimits { MaxBodyBytes = limits.MaxBodyBytes, MaxEventsPerBody = limits.MaxEventsPerRequest });
        var senml = http.Request.ContentType?.StartsWith(SenMLContentType, StringComparison.OrdinalIgnoreCase) == true;
        var decoded = senml ? SenMLDecoder.Decode(body.Span, context) : SensorJsonDecoder.Decode(body.Span, context);
        if (decoded.Envelopes.Count == 0 && decoded.Rejections is [{ Index: -1 } whole])
        {
            LogBodyRejected(logger, whole.Reason, whole.Detail);
            return whole.Reason == RejectReason.TooLarge ? TooLarge(limits.MaxBodyBytes, whole.Detail)
                : (IResult)TypedResults.BadRequest(new ProblemResponse(whole.Reason.ToString(), whole.Detail));
        }

        IngestReport report;
        try
        {
            report = await pipeline.Submit(decoded.Envelopes);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Part of the batch may be stored, part not: the sender resends all of it, and what was stored is deduplicated.
            LogSubmitFailed(logger, ex, decoded.Envelopes.Count);
            return TypedResults.Json(new ProblemResponse("Unavailable", "not every event could be made durable; resend the whole request (events already stored come back as duplicates)"),
                IngressJsonContext.Default.ProblemResponse, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var rejections = decoded.Rejections
            .Select(r => new IngestRejection(r.Index, null, null, r.Reason.ToString(), r.Detail))
            .Concat(report.Rejections.Select(r => new IngestRejection(null, r.Envelope.Value, r.Metric, r.Reason.ToString(), r.Detail)))
            .ToList();
        foreach (var group in rejections.GroupBy(r => r.Reason))
        {
            LogItemsRejected(logger, group.Count(), group.Key);
        }
        return TypedResults.Accepted((string?)null, new IngestResponse(report.Accepted, report.Rejected + decoded.Rejections.Count, rejections));
    }

    private static JsonHttpResult<ProblemResponse> TooLarge(int max, string? detail = null) => TypedResults.Json(
        new ProblemResponse(nameof(RejectReason.TooLarge), detail ?? $"the body is larger than the limit of {max} bytes"),
        IngressJsonContext.Default.ProblemResponse, statusCode: StatusCodes.Status413PayloadTooLarge);

    [LoggerMessage(1001, LogLevel.Warning, "Ingest body rejected: {Reason}: {Detail}")]
    private static partial void LogBodyRejected(ILogger logger, RejectReason reason, string detail);

    [LoggerMessage(1003, LogLevel.Error, "Ingest of {Count} events failed; answered 503 so the sender retries")]
    private static partial void LogSubmitFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(1002, LogLevel.Warning, "Ingest rejected {Count} items: {Reason}")]
    private static partial void LogItemsRejected(ILogger logger, int count, string reason);
}
