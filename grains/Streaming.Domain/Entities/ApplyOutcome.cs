namespace Streaming.Domain;

/// <summary>What an entity did with one clean event.</summary>
[GenerateSerializer]
public enum ApplyOutcome
{
    /// <summary>Added to the current values and windows.</summary>
    Applied,
    /// <summary>Already applied (a redelivery); dropped.</summary>
    Duplicate,
    /// <summary>Older than the watermark; goes to the late side output.</summary>
    Late,
}
