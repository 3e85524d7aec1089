using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Streaming.EndToEnd.Tests;

/// <summary>An MQTTnet 5 client speaking MQTT 5 to the embedded broker, so the tests can read CONNACK and PUBACK reason codes.</summary>
internal static class MqttTestClient
{
    public static async Task<(IMqttClient Client, MqttClientConnectResult Result)> ConnectAsync(int port, string clientId, string? password = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (password is not null)
        {
            options = options.WithCredentials(clientId, password);
        }
        var result = await client.ConnectAsync(options.Build());
        return (client, result);
    }

    public static Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string topic, string payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public static Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string topic, byte[] payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public static string Reading(int seq, double value = 21.5) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $$"""{"time":"{{DateTimeOffset.UtcNow.AddMinutes(-1).AddMilliseconds(seq):yyyy-MM-ddTHH:mm:ss.fffZ}}","readings":{"temperature":{{value}}},"seq":{{seq}}}""");
}
