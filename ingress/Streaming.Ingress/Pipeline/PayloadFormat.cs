namespace Streaming.Ingress;

/// <summary>The body formats the platform decodes.</summary>
public enum PayloadFormat
{
    /// <summary>Our sensor JSON: one object or an array.</summary>
    SensorJson,
    /// <summary>A SenML JSON pack (RFC 8428).</summary>
    SenML,
    /// <summary>Records from a system of record: one object or an array (docs/payloads.md).</summary>
    Record,
    /// <summary>Social posts, our JSON or the Twitter API v1.1 status shape: one object or an array (docs/payloads.md).</summary>
    Social,
    /// <summary>One image (JPEG or PNG), the raw bytes.</summary>
    Image,
}
