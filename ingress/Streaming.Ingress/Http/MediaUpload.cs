using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// <c>POST /api/ingest/media?source=ID</c>: one image, as the body itself or as the first file of a
/// <c>multipart/form-data</c> form. Read up to <see cref="MediaOptions.MaxBytes"/> and no further; 202 when accepted,
/// 400, 413 or 415 with the reason when not (and a dead letter either way).
/// </summary>
internal static class MediaUpload
{
    public static async Task<IResult> Ingest(HttpContext http, IngestService ingest, IOptions<MediaOptions> options,
        TimeProvider time, ILoggerFactory loggers, string? source = null)
    {
        var max = options.Value.MaxBytes;
        if (http.Request.ContentLength > max)
        {
            return IngestEndpoint.TooLarge(max);
        }
        var (body, contentType, problem) = await ReadImage(http, max);
        if (problem is not null)
        {
            return problem;
        }
        using (body)
        {
            if (body!.TooLarge)
            {
                return IngestEndpoint.TooLarge(max);
            }
            var context = IngestEndpoint.Context(http, time, source, new DecodeLimits { MaxBodyBytes = max, MaxEventsPerBody = 1 });
            return await IngestEndpoint.Answer(ingest, body.Memory, PayloadFormat.Image, context, contentType, null,
                loggers.CreateLogger(typeof(MediaUpload)));
        }
    }

    // The raw body, or the first file part of a form; a form without one is a 400.
    private static async Task<(BoundedBody? Body, string? ContentType, IResult? Problem)> ReadImage(HttpContext http, int max)
    {
        var request = http.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (await BoundedBody.ReadAsync(request.Body, max, http.RequestAborted), request.ContentType, null);
        }
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
        {
            return (null, null, Problem(RejectReason.Malformed, "multipart/form-data without a valid boundary"));
        }
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
            {
                return (await BoundedBody.ReadAsync(section.Body, max, http.RequestAborted), section.ContentType, null);
            }
        }
        return (null, null, Problem(RejectReason.MissingField, "the form has no file part"));
    }

    private static BadRequest<ProblemResponse> Problem(RejectReason reason, string detail) =>
        TypedResults.BadRequest(new ProblemResponse(reason.ToString(), detail));
}
