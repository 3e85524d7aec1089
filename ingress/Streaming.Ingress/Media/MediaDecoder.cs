using Microsoft.Extensions.Options;
using Streaming.Domain;
using static System.FormattableString;

namespace Streaming.Ingress;

/// <summary>
/// Turns one uploaded image into one <see cref="EventKind.Media"/> envelope: inspects it (<see cref="ImageInspector"/>),
/// stores the original and its thumbnail (<see cref="MediaStore"/>), and builds a <see cref="MediaPayload"/>. The envelope
/// id is <c>img:{content hash}</c> unless the sender gave one, so the same image sent twice is a duplicate.
/// </summary>
/// <remarks>
/// The event time is the EXIF capture time when present and plausible (from 1990 up to the ingest time plus
/// <see cref="DecodeLimits.MaxClockSkew"/>), else the time the sender declared, else the ingest time. Images are held to
/// <see cref="MediaOptions.MaxBytes"/>, not to <see cref="DecodeLimits.MaxBodyBytes"/>, which is sized for JSON.
/// Storage failures are infrastructure failures and are thrown, not returned.
/// </remarks>
public sealed class MediaDecoder(ImageInspector inspector, MediaStore store, IOptions<MediaOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _decodes = new(options.Value.MaxConcurrentDecodes);

    /// <summary>The earliest EXIF capture time believed: older ones are a camera clock that was never set.</summary>
    public static readonly DateTimeOffset EarliestCaptureTime = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Decodes one image.</summary>
    /// <param name="body">The image file's bytes.</param>
    /// <param name="context">Provenance, the source (required: images carry none of their own) and limits.</param>
    /// <param name="contentType">The media type the sender declared, if any.</param>
    /// <param name="declaredTime">The event time the sender declared, used when the image has no plausible EXIF time.</param>
    /// <param name="id">The sender's id for this image, used as the envelope id instead of the content hash.</param>
    public DecodeResult Decode(
        ReadOnlyMemory<byte> body, DecodeContext context, string? contentType, DateTimeOffset? declaredTime = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.DefaultSource is not { } source)
        {
            return DecodeResult.Failed(RejectReason.MissingField, "an image needs a source, and the channel names none");
        }
        if (id is not null && (string.IsNullOrWhiteSpace(id) || id.Length > context.Limits.MaxIdentifierLength))
        {
            return DecodeResult.Failed(RejectReason.TooLarge, Invariant($"the image id must be 1 to {context.Limits.MaxIdentifierLength} characters"));
        }
        var maxTime = context.Provenance.ReceivedAt + context.Limits.MaxClockSkew;
        if (declaredTime > maxTime)
        {
            return DecodeResult.Failed(RejectReason.BadTime, Invariant(
                $"the declared time is {declaredTime - context.Provenance.ReceivedAt} ahead of the ingest time; at most {context.Limits.MaxClockSkew} is allowed"));
        }

        ImageInspection inspection;
        _decodes.Wait();
        try
        {
            inspection = inspector.Inspect(body, contentType);
        }
        finally
        {
            _decodes.Release();
        }
        if (inspection.Facts is not { } facts)
        {
            return new DecodeResult([], [inspection.Rejection!]);
        }

        store.SaveOriginal(facts.ContentHash, facts.MediaType, body.Span);
        store.SaveThumbnail(facts.ThumbnailHash, facts.Thumbnail.Span);

        var takenAt = facts.TakenAt is { } exif && exif >= EarliestCaptureTime && exif <= maxTime ? exif : (DateTimeOffset?)null;
        var payload = new MediaPayload(facts.ContentHash, facts.MediaType, facts.Width, facts.Height, facts.Bytes, facts.PerceptualHash)
        {
            Location = facts.Location,
            ThumbnailHash = facts.ThumbnailHash,
            TakenAt = takenAt,
        };
        var envelope = new EventEnvelope(
            new EnvelopeId(id ?? "img:" + facts.ContentHash),
            source,
            EventKind.Media,
            Entity: null,
            EventTime: takenAt ?? declaredTime ?? context.Provenance.ReceivedAt,
            Sequence: null,
            context.Provenance,
            payload);
        return new DecodeResult([envelope], []);
    }

    /// <inheritdoc />
    public void Dispose() => _decodes.Dispose();
}
