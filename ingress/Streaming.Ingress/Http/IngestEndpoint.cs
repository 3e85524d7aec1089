using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress;

/// <summary>
/// <c>POST /api/ingest</c>: our sensor JSON (one event or an array) or a SenML pack; <c>/api/ingest/records</c>,
/// <c>/api/ingest/social</c> and <c>/api/ingest/media</c> for the other kinds. 202 with a report.
/// </summary>
public static partial class IngestEndpoint
{
    /// <summary>The SenML JSON media type (RFC 8428).</summary>
    public const string SenMLContentType = "application/senml+json";

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapIngestEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ingest", Ingest).DisableAntiforgery().RequireIngestRateLimit();
        app.MapPost("/api/ingest/records", IngestRecords).DisableAntiforgery().RequireIngestRateLimit();
        app.MapPost("/api/ingest/social", IngestSocial).DisableAntiforgery().RequireIngestRateLimit();
        app.MapPost("/api/ingest/media", MediaUpload.Ingest).DisableAntiforgery().RequireIngestRateLimit();
        return app;
    }

    private static Task<IResult> Ingest(HttpContext http, IngestService ingest, IOptions<HttpIngressOptions> options,
        TimeProvider time, ILoggerFactory loggers, string? source = null) =>
        Read(http, ingest, options.Value, time, loggers, source,
            http.Request.ContentType?.StartsWith(SenMLContentType, StringComparison.OrdinalIgnoreCase) == true ? PayloadFormat.SenML : PayloadFormat.SensorJson);

    private static Task<IResult> IngestRecords(HttpContext http, IngestService ingest, IOptions<HttpIngressOptions> options,
        TimeProvider time, ILoggerFactory loggers, string? source = null) =>
        Read(http, ingest, options.Value, time, loggers, source, PayloadFormat.Record);

    private static Task<IResult> IngestSocial(HttpContext http, IngestService ingest, IOptions<HttpIngressOptions> options,
        TimeProvider time, ILoggerFactory loggers, string? source = null) =>
        Read(http, ingest, options.Value, time, loggers, source, PayloadFormat.Social);

    private static async Task<IResult> Read(HttpContext http, IngestService ingest, HttpIngressOptions limits,
        TimeProvider time, ILoggerFactory loggers, string? source, PayloadFormat format)
    {
        if (http.Request.ContentLength > limits.MaxBodyBytes)
        {
            return TooLarge(limits.MaxBodyBytes);
        }
        using var body = await BoundedBody.ReadAsync(http.Request.Body, limits.MaxBodyBytes, http.RequestAborted);
        if (body.TooLarge)
        {
            return TooLarge(limits.MaxBodyBytes);
        }
        var context = Context(http, time, source, new DecodeLimits { MaxBodyBytes = limits.MaxBodyBytes, MaxEventsPerBody = limits.MaxEventsPerRequest });
        return await Answer(ingest, body.Memory, format, context, http.Request.ContentType, null, loggers.CreateLogger(typeof(IngestEndpoint)));
    }

    /// <summary>The decode context of a request: its provenance, the <c>source</c> query parameter, and the limits.</summary>
    internal static DecodeContext Context(HttpContext http, TimeProvider time, string? source, DecodeLimits limits) =>
        new(Provenance.Http(http.Request.Path, time.GetUtcNow(), http.Connection.RemoteIpAddress?.ToString()),
            string.IsNullOrWhiteSpace(source) ? null : new SourceId(source), null, limits);

    /// <summary>Ingests a body and answers as <c>POST /api/ingest</c> does: 202 with the report, 400, 413 or 503.</summary>
    internal static async Task<IResult> Answer(IngestService ingest, ReadOnlyMemory<byte> body, PayloadFormat format, DecodeContext context,
        string? contentType, DeadLetter? resubmitOf, ILogger logger)
    {
        IngestOutcome outcome;
        try
        {
            outcome = await ingest.IngestAsync(body, format, context, contentType, resubmitOf);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Part of the batch may be stored, part not: the sender resends all of it, and what was stored is deduplicated.
            LogSubmitFailed(logger, ex, body.Length);
            return TypedResults.Json(new ProblemResponse("Unavailable", "not every event could be made durable; resend the whole request (events already stored come back as duplicates)"),
                IngressJsonContext.Default.ProblemResponse, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (outcome.BodyRejection is { } whole)
        {
            return whole.Reason switch
            {
                RejectReason.TooLarge => TooLarge(context.Limits.MaxBodyBytes, whole.Detail),
                RejectReason.UnsupportedFormat => TypedResults.Json(new ProblemResponse(whole.Reason.ToString(), whole.Detail),
                    IngressJsonContext.Default.ProblemResponse, statusCode: StatusCodes.Status415UnsupportedMediaType),
                _ => TypedResults.BadRequest(new ProblemResponse(whole.Reason.ToString(), whole.Detail)),
            };
        }
        var rejections = outcome.Decoded.Rejections
            .Select(r => new IngestRejection(r.Index, null, null, r.Reason.ToString(), r.Detail))
            .Concat(outcome.Report.Rejections.Select(r => new IngestRejection(null, r.Envelope.Value, r.Metric, r.Reason.ToString(), r.Detail)))
            .ToList();
        return TypedResults.Accepted((string?)null, new IngestResponse(outcome.Accepted, outcome.Rejected, rejections));
    }

    /// <summary>The 413 answer for a body over <paramref name="max"/> bytes.</summary>
    internal static JsonHttpResult<ProblemResponse> TooLarge(int max, string? detail = null) => TypedResults.Json(
        new ProblemResponse(nameof(RejectReason.TooLarge), detail ?? $"the body is larger than the limit of {max} bytes"),
        IngressJsonContext.Default.ProblemResponse, statusCode: StatusCodes.Status413PayloadTooLarge);

    [LoggerMessage(1003, LogLevel.Error, "Ingest of a {Bytes}-byte body failed; answered 503 so the sender retries")]
    private static partial void LogSubmitFailed(ILogger logger, Exception exception, int bytes);
}
