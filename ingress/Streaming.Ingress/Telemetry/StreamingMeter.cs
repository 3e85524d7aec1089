namespace Streaming.Ingress;

/// <summary>The one meter of the platform's own instruments.</summary>
public static class StreamingMeter
{
    /// <summary>Meter name, exported with the Orleans meters.</summary>
    public const string Name = "Streaming";
}
