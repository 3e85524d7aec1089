namespace Streaming.Domain;

/// <summary>The four kinds of event the platform carries.</summary>
[GenerateSerializer]
public enum EventKind
{
    /// <summary>Readings from a device: one or more metrics at one time.</summary>
    Sensor,
    /// <summary>A short post with an author, time and optional place.</summary>
    Social,
    /// <summary>An image (or a reference to one).</summary>
    Media,
    /// <summary>A row from a system of record.</summary>
    Record,
}
