namespace Streaming.Ingress;

/// <summary>The sandbox publisher when <c>Kafka:Enabled=false</c>: publishes nothing.</summary>
public sealed class DisabledSandboxPublisher : ISandboxPublisher
{
    /// <inheritdoc />
    public string? TopicFor(string sandbox) => null;

    /// <inheritdoc />
    public void Publish(string sandbox, IReadOnlyList<SandboxOwner> owners)
    {
    }
}
