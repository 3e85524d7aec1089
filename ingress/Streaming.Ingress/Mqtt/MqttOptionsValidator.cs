using System.Net;
using Microsoft.Extensions.Options;

namespace Streaming.Ingress;

/// <summary>The rules of <see cref="MqttOptions"/> that span fields or nested settings; each failure names its key.</summary>
public sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        var failures = new List<string>();
        if (options.Mode == MqttMode.Embedded)
        {
            if (!IPAddress.TryParse(options.BindAddress, out var bind) || bind.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                failures.Add($"Mqtt:BindAddress '{options.BindAddress}' is not an IPv4 address");
            }
            else if (options.AllowAnonymous && !IPAddress.IsLoopback(bind))
            {
                failures.Add("Mqtt:AllowAnonymous is allowed only on a loopback Mqtt:BindAddress; list the devices in Mqtt:Devices and set it to false");
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < options.Devices.Count; i++)
            {
                var device = options.Devices[i];
                if (!MqttTopics.IsValidSegment(device.ClientId))
                {
                    failures.Add($"Mqtt:Devices:{i}:ClientId '{device.ClientId}' must be 1-128 characters without / + # or spaces");
                }
                else if (!seen.Add(device.ClientId))
                {
                    failures.Add($"Mqtt:Devices:{i}:ClientId '{device.ClientId}' is listed twice");
                }
                if (!SecretHasher.IsValid(device.SecretHash))
                {
                    failures.Add($"Mqtt:Devices:{i}:SecretHash is not a {SecretHasher.Scheme}$iterations$salt$hash value (store the hash, never the secret)");
                }
            }
        }
        if (options.BatchLinger < TimeSpan.Zero || options.BatchLinger > TimeSpan.FromSeconds(1))
        {
            failures.Add("Mqtt:BatchLinger must be between 0 and 1 second");
        }
        if (options.Mode == MqttMode.Client)
        {
            ValidateClient(options.Client, failures);
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateClient(MqttClientModeOptions client, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(client.Host))
        {
            failures.Add("Mqtt:Client:Host is required in client mode");
        }
        if (client.Port is < 1 or > 65535)
        {
            failures.Add("Mqtt:Client:Port must be 1-65535");
        }
        if (string.IsNullOrWhiteSpace(client.ClientId))
        {
            failures.Add("Mqtt:Client:ClientId is required in client mode");
        }
        if (!MqttTopics.IsValidSegment(client.SharedGroup))
        {
            failures.Add($"Mqtt:Client:SharedGroup '{client.SharedGroup}' must be 1-128 characters without / + # or spaces");
        }
        if (client.Topics.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Mqtt:Client:Topics must not contain an empty filter");
        }
        if (client.MaxReconnectDelay < TimeSpan.FromSeconds(1))
        {
            failures.Add("Mqtt:Client:MaxReconnectDelay must be at least 1 second");
        }
    }
}
