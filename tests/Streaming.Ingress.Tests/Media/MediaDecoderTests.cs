using Microsoft.Extensions.Options;
using Streaming.Domain;

namespace Streaming.Ingress.Tests;

/// <summary>From bytes to one media envelope: ids, event-time choice, storage and refusals.</summary>
[Trait("Category", "Ingress")]
public sealed class MediaDecoderTests : IDisposable
{
    private static readonly DateTimeOffset Received = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly MediaDecoder _decoder;

    public MediaDecoderTests()
    {
        _decoder = new MediaDecoder(ImageFiles.Inspector, _folder.Store(), Options.Create(new MediaOptions()));
    }

    public void Dispose()
    {
        _decoder.Dispose();
        _folder.Dispose();
    }

    private static DecodeContext Context(string? source = "camera-7", DateTimeOffset? received = null) =>
        new(Provenance.Http("/ingest/media", received ?? Received), source is null ? null : new SourceId(source), null, DecodeLimits.Default);

    private static byte[] Photo(string name) => ImageFiles.Read(ImageFiles.ExifGps, name);

    [Fact]
    public async Task Decode_PhotoWithExif_OneMediaEnvelopeAtCaptureTime()
    {
        var result = _decoder.Decode(Photo("go-exif__gps.jpg"), Context(), "image/jpeg");

        Assert.Empty(result.Rejections);
        var envelope = Assert.Single(result.Envelopes);
        var payload = Assert.IsType<MediaPayload>(envelope.Payload);
        var expected = ImageFiles.Summary["go-exif__gps.jpg"];
        Assert.Equal(EventKind.Media, envelope.Kind);
        Assert.Equal(new SourceId("camera-7"), envelope.Source);
        Assert.Equal("img:" + expected["sha256"], envelope.Id.Value);
        Assert.Equal(new DateTimeOffset(2018, 4, 28, 21, 23, 12, TimeSpan.FromHours(-4)), envelope.EventTime);
        Assert.Equal(envelope.EventTime, payload.TakenAt);
        Assert.Equal(expected["sha256"], payload.ContentHash);
        Assert.Equal((920, 570, 197362L, "image/jpeg"), (payload.Width, payload.Height, payload.Bytes, payload.MediaType));
        Assert.Equal(26.5866666666667, payload.Location!.Value.Latitude, 1e-6);
        Assert.Equal(2, _folder.Files().Count());
        Assert.True(_folder.Store().HasOriginal(payload.ContentHash, "image/jpeg"));
        Assert.NotNull(await _folder.Store().ReadThumbnailAsync(payload.ThumbnailHash!));
    }

    [Fact]
    public void Decode_SameImageTwice_SameEnvelopeIdAndStoredOnce()
    {
        var first = _decoder.Decode(Photo("exifr__issue-exifr-59.jpg"), Context(), null);
        var second = _decoder.Decode(Photo("exifr__issue-exifr-59.jpg"), Context(received: Received.AddMinutes(3)), null);

        Assert.Equal(Assert.Single(first.Envelopes).Id, Assert.Single(second.Envelopes).Id);
        Assert.Equal(2, _folder.Files().Count());
    }

    [Fact]
    public void Decode_SenderGivesId_UsedAsEnvelopeId()
    {
        var result = _decoder.Decode(Photo("piexif__noexif.jpg"), Context(), null, id: "upload-42");

        Assert.Equal("upload-42", Assert.Single(result.Envelopes).Id.Value);
    }

    [Fact]
    public void Decode_NoExifTime_DeclaredTimeElseIngestTime()
    {
        var declared = Received.AddHours(-2);

        var withDeclared = Assert.Single(_decoder.Decode(Photo("piexif__noexif.jpg"), Context(), null, declared).Envelopes);
        var without = Assert.Single(_decoder.Decode(Photo("piexif__noexif.jpg"), Context(), null).Envelopes);

        Assert.Equal(declared, withDeclared.EventTime);
        Assert.Equal(Received, without.EventTime);
        Assert.Null(((MediaPayload)without.Payload).TakenAt);
    }

    [Fact]
    public void Decode_ExifTimeAfterIngest_NotBelievedDeclaredTimeUsed()
    {
        // Received in 2010: a 2015 capture time is in the future, so the camera clock is wrong.
        var received = new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var declared = received.AddMinutes(-5);

        var envelope = Assert.Single(_decoder.Decode(Photo("exifr__issue-exifr-59.jpg"), Context(received: received), null, declared).Envelopes);

        Assert.Equal(declared, envelope.EventTime);
        Assert.Null(((MediaPayload)envelope.Payload).TakenAt);
    }

    [Fact]
    public void Decode_DeclaredTimeBeyondSkew_BadTime()
    {
        var result = _decoder.Decode(Photo("piexif__noexif.jpg"), Context(), null, Received.AddHours(1));

        Assert.Equal(RejectReason.BadTime, Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void Decode_NoSource_MissingFieldAndNothingStored()
    {
        var result = _decoder.Decode(Photo("piexif__noexif.jpg"), Context(source: null), null);

        Assert.Empty(result.Envelopes);
        Assert.Equal(RejectReason.MissingField, Assert.Single(result.Rejections).Reason);
        Assert.Empty(_folder.Files());
    }

    [Fact]
    public void Decode_Heic_UnsupportedFormatAndNothingStored()
    {
        var result = _decoder.Decode(Photo("exifr__heic-iphone7.heic"), Context(), "image/heic");

        var rejection = Assert.Single(result.Rejections);
        Assert.Equal((-1, RejectReason.UnsupportedFormat), (rejection.Index, rejection.Reason));
        Assert.Empty(_folder.Files());
    }

    [Fact]
    public void Decode_NotAnImageContentType_UnsupportedFormat()
    {
        var result = _decoder.Decode(Photo("piexif__noexif.jpg"), Context(), "application/json");

        Assert.Equal(RejectReason.UnsupportedFormat, Assert.Single(result.Rejections).Reason);
    }
}
