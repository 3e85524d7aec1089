namespace Streaming.Domain;

/// <summary>Quality marks on an accepted reading. A flagged reading is kept and counted, not dropped.</summary>
[Flags]
[GenerateSerializer]
public enum ReadingFlags
{
    /// <summary>Nothing to note.</summary>
    None = 0,
    /// <summary>Converted from the sender's unit to the canonical one.</summary>
    UnitConverted = 1,
    /// <summary>Same value as the previous <see cref="MetricLimits.StuckRepeats"/> readings: the sensor may be stuck.</summary>
    Stuck = 2,
    /// <summary>Jumped by more than <see cref="MetricLimits.SpikeDelta"/> since the previous reading.</summary>
    Spike = 4,
    /// <summary>Arrived after a reading with a later event time.</summary>
    OutOfOrder = 8,
    /// <summary>An image within a small perceptual distance of a recent image from any source.</summary>
    NearDuplicate = 16,
}
