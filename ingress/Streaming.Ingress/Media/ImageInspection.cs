using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>The outcome of <see cref="ImageInspector.Inspect"/>: the facts of an accepted image, or why it was refused.</summary>
/// <param name="Facts">The image's facts, when accepted.</param>
/// <param name="Rejection">Why it was refused (index -1), when refused.</param>
public sealed record ImageInspection(ImageFacts? Facts, Rejection? Rejection)
{
    /// <summary>An accepted image.</summary>
    public static ImageInspection Accepted(ImageFacts facts) => new(facts, null);

    /// <summary>A refused image.</summary>
    public static ImageInspection Refused(RejectReason reason, string detail) => new(null, new Rejection(-1, reason, detail));
}
