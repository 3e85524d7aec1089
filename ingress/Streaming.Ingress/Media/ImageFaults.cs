using System.Diagnostics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>Turns what ImageSharp throws for a bad file into a reason and a detail; null for anything else (a bug here).</summary>
internal static class ImageFaults
{
    /// <summary>The rejection for an exception thrown while reading an image, or null when it is not about the image.</summary>
    public static (RejectReason Reason, string Detail)? Classify(Exception e) => e switch
    {
        UnknownImageFormatException => (RejectReason.UnsupportedFormat, "not a JPEG or PNG image"),
        ImageFormatException => (RejectReason.Malformed, e.Message),
        NotSupportedException => (RejectReason.UnsupportedFormat, "a JPEG or PNG variant that is not supported: " + e.Message),
        InvalidMemoryOperationException => (RejectReason.TooLarge, "the image needs more memory than is allowed: " + e.Message),
        // ImageSharp's own defects on crafted input (2.1.13 throws NullReferenceException for a JPEG without a scan, for
        // one): hostile files must not take the ingest path down, so these are refused like damaged files, but only when
        // thrown inside ImageSharp, so a bug in this code still surfaces. The type is named in the detail.
        NullReferenceException or IndexOutOfRangeException or ArgumentException or EndOfStreamException or OverflowException
            or InvalidOperationException when ThrownByImageSharp(e) =>
            (RejectReason.Malformed, $"the decoder failed ({e.GetType().Name}): {e.Message}"),
        _ => null,
    };

    // Any ImageSharp frame between the throw and the catch: the runtime's own throw helpers (span bounds) sit above it.
    private static bool ThrownByImageSharp(Exception e) =>
        new StackTrace(e, fNeedFileInfo: false).GetFrames().Any(f => f.GetMethod()?.DeclaringType?.Assembly == typeof(Image).Assembly);
}
