namespace Streaming.Ingress;

/// <summary>A device allowed to connect to the embedded broker. Its client id is its user name and its source id.</summary>
public sealed class MqttDevice
{
    /// <summary>The MQTT client id, which is also the user name it connects with and the only source it may publish as.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The device's secret, hashed: <c>pbkdf2-sha256$iterations$salt$hash</c> (see <see cref="SecretHasher"/>). Never the secret itself.</summary>
    public string SecretHash { get; set; } = "";
}
