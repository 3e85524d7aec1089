using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// <c>GET /api/deadletters</c> lists this silo's most recent dead letters, <c>GET /api/deadletters/counts</c> counts
/// all of them per stage and reason; <c>POST /api/deadletters/{id}/resubmit</c>
/// sends one through the pipeline again, as it was or with a corrected body.
/// </summary>
public static class DeadLetterEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/deadletters", (DeadLetterOffice office, DeadLetterStage? stage, string? reason, int? limit) =>
            TypedResults.Ok(office.Recent(stage, reason, Math.Clamp(limit ?? 100, 1, DeadLetterOffice.RecentCapacity))));
        app.MapGet("/api/deadletters/counts", (DeadLetterOffice office) => TypedResults.Ok(office.Counts()));
        app.MapPost("/api/deadletters/{id}/resubmit", ResubmitAsync).DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// Sends dead letter <paramref name="id"/> through the pipeline again, as it was or with the request's body as the
    /// corrected one; answered as <c>POST /api/ingest</c>. Public so a host can map it again behind its own authorization.
    /// </summary>
    public static async Task<IResult> ResubmitAsync(string id, HttpContext http, DeadLetterOffice office, IngestService ingest,
        IOptions<HttpIngressOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        var limits = options.Value;
        using var corrected = await BoundedBody.ReadAsync(http.Request.Body, limits.MaxBodyBytes, http.RequestAborted);
        if (corrected.TooLarge)
        {
            return IngestEndpoint.TooLarge(limits.MaxBodyBytes);
        }
        if (office.Take(id) is not { } letter)
        {
            return TypedResults.NotFound(new ProblemResponse("NotFound", $"no recent dead letter '{id}' on this silo"));
        }
        var (body, format, context) = Resubmission(letter, corrected.Memory, limits, time.GetUtcNow(), http.Connection.RemoteIpAddress?.ToString());
        return await IngestEndpoint.Answer(ingest, body, format, context, letter.ContentType, letter, loggers.CreateLogger(typeof(DeadLetterEndpoints)));
    }

    /// <summary>
    /// How dead letter <paramref name="letter"/> goes through the pipeline again: its payload (or <paramref name="corrected"/>
    /// when not empty), read in the format it came in, under a new provenance naming the resubmit.
    /// </summary>
    public static (ReadOnlyMemory<byte> Body, PayloadFormat Format, DecodeContext Context) Resubmission(
        DeadLetter letter, ReadOnlyMemory<byte> corrected, HttpIngressOptions limits, DateTimeOffset now, string? remoteAddress)
    {
        var body = corrected.Length > 0 ? corrected : letter.Payload;
        var format = letter.ContentType?.StartsWith(IngestEndpoint.SenMLContentType, StringComparison.OrdinalIgnoreCase) == true ? PayloadFormat.SenML
            : letter.Provenance.Channel.StartsWith("/api/ingest/records", StringComparison.Ordinal) || letter.Provenance.Channel.StartsWith("records/", StringComparison.Ordinal)
                ? PayloadFormat.Record : PayloadFormat.SensorJson;
        var context = new DecodeContext(Provenance.Http($"/api/deadletters/{letter.Id}/resubmit", now, remoteAddress),
            letter.Source is null ? null : new SourceId(letter.Source), null,
            new DecodeLimits { MaxBodyBytes = limits.MaxBodyBytes, MaxEventsPerBody = limits.MaxEventsPerRequest });
        return (body, format, context);
    }
}
