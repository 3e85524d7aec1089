namespace Streaming.Domain;

/// <summary>Where in the pipeline an item was refused.</summary>
[GenerateSerializer]
public enum DeadLetterStage
{
    /// <summary>The bytes could not be decoded into an event.</summary>
    Decode,
    /// <summary>Cleaning refused the event or one of its readings.</summary>
    Clean,
    /// <summary>The event could not be linked to an entity.</summary>
    Link,
    /// <summary>The event was older than its entity's watermark.</summary>
    Late,
    /// <summary>The sender was not allowed to send it (credentials, topic ACL, unknown source).</summary>
    Auth,
    /// <summary>The sender exceeded its rate limit.</summary>
    RateLimit,
    /// <summary>An infrastructure failure outlasted the bounded retries.</summary>
    Delivery,
}
