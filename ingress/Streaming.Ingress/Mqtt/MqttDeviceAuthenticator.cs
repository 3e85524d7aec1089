using Microsoft.Extensions.Options;
using MQTTnet.Protocol;

namespace Streaming.Ingress;

/// <summary>
/// Decides who may connect to the embedded broker. The client id is the device's identity and its source id; a listed
/// device needs its secret (checked against the stored PBKDF2 hash); anyone else only while anonymous devices are allowed.
/// </summary>
public sealed class MqttDeviceAuthenticator(IOptions<MqttOptions> options)
{
    private readonly Dictionary<string, string> _secrets =
        options.Value.Devices.ToDictionary(d => d.ClientId, d => d.SecretHash, StringComparer.Ordinal);

    /// <summary>The CONNACK reason code, why (for a refusal), and the device proven (null for an anonymous client).</summary>
    public (MqttConnectReasonCode Code, string Reason, string? Device) Authenticate(string clientId, string? userName, byte[]? password)
    {
        if (!MqttTopics.IsValidSegment(clientId))
        {
            return (MqttConnectReasonCode.ClientIdentifierNotValid, "the client id is the source id: 1-128 characters without / + # $ or spaces", null);
        }
        if (!string.IsNullOrEmpty(userName) && userName != clientId)
        {
            return (MqttConnectReasonCode.BadUserNameOrPassword, "the user name must be the client id", null);
        }
        if (_secrets.TryGetValue(clientId, out var hash))
        {
            return password is { Length: > 0 } && SecretHasher.Verify(password, hash)
                ? (MqttConnectReasonCode.Success, "", clientId)
                : (MqttConnectReasonCode.BadUserNameOrPassword, "wrong or missing secret for this device", null);
        }
        return options.Value.AllowAnonymous
            ? (MqttConnectReasonCode.Success, "", null)
            : (MqttConnectReasonCode.NotAuthorized, "unknown device", null);
    }
}
