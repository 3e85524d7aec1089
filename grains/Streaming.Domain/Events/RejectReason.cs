namespace Streaming.Domain;

/// <summary>Why an item was not accepted. Every rejection carries one, plus a human-readable detail.</summary>
[GenerateSerializer]
public enum RejectReason
{
    /// <summary>Not parseable in the declared format (bad JSON, bad number syntax).</summary>
    Malformed,
    /// <summary>A required field is absent.</summary>
    MissingField,
    /// <summary>A field has the wrong type (a string where a number belongs).</summary>
    WrongType,
    /// <summary>A time that cannot be read or lies implausibly far in the future.</summary>
    BadTime,
    /// <summary>The body or one field is larger than the configured limit.</summary>
    TooLarge,
    /// <summary>NaN or infinity.</summary>
    NotANumber,
    /// <summary>Outside the physical range configured for the metric.</summary>
    OutOfRange,
    /// <summary>A unit that is unknown, or ambiguous, for the metric.</summary>
    UnknownUnit,
    /// <summary>Already seen: same envelope id, or same source, metric and event time.</summary>
    Duplicate,
    /// <summary>Older than the watermark: beyond the allowed lateness.</summary>
    Late,
    /// <summary>The event kind is not known or not handled on this path.</summary>
    UnknownKind,
    /// <summary>A personal identifier that fails its check (an NHS number with a wrong check digit), or one that cannot be pseudonymised.</summary>
    InvalidIdentifier,
    /// <summary>A format the platform does not decode (an image type other than JPEG or PNG, for example).</summary>
    UnsupportedFormat,
}
