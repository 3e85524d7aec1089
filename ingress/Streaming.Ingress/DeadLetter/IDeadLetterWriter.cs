using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>Writes dead letters to durable storage (the dead-letter topic). Must not throw for transient failures.</summary>
public interface IDeadLetterWriter
{
    /// <summary>Queues one dead letter for writing.</summary>
    void Write(DeadLetter letter);
}
