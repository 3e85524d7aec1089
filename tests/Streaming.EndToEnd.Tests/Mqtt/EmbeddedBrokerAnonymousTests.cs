using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;

namespace Streaming.EndToEnd.Tests;

/// <summary>The embedded default as a newcomer meets it: anonymous devices on loopback, mosquitto_pub from the README.</summary>
[Trait("Category", "EndToEnd")]
[Collection(MqttCollection.Name)]
public sealed class EmbeddedBrokerAnonymousTests : IAsyncLifetime
{
    private readonly int _port = FreeTcpPort.Next();
    private SiloProcess _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await SiloProcess.StartAsync(new Dictionary<string, string> { ["Mqtt:Port"] = _port.ToString(CultureInfo.InvariantCulture) });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task MosquittoPub_ReadmeExamples_Applied()
    {
        var time = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        await PublishAsync("sensors/aq-17", $$"""{"time":"{{time}}","readings":{"pm25":12.5,"no2":31},"seq":1}""");
        await PublishAsync("sensors/aq-17/temperature", "21.5");
        await PublishAsync("sensors/aq-17", """[{"bn":"aq-17:","n":"humidity","u":"%RH","v":48}]""");

        // mosquitto_pub speaks MQTT 3.1.1 and exits once its QoS 1 PUBACK is in: by then the events are durable.
        var entity = await _silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:aq-17");
        var current = entity.GetProperty("current");
        Assert.Equal(12.5, current.GetProperty("pm25").GetProperty("value").GetDouble());
        Assert.Equal(21.5, current.GetProperty("temperature").GetProperty("value").GetDouble());
        Assert.Equal(48, current.GetProperty("humidity").GetProperty("value").GetDouble());
        Assert.Equal(3, entity.GetProperty("eventsApplied").GetInt64());
    }

    // A device back with its client id while the broker still holds its old connection takes that connection over (it is
    // closed as taken over), even though a new connection first waits a moment for an earlier one of its id to end.
    [Fact]
    public async Task SameClientIdWhileConnected_TakesOverAndPublishes()
    {
        var (first, _) = await MqttTestClient.ConnectAsync(_port, "aq-18");
        using (first)
        {
            var closed = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
            first.DisconnectedAsync += e =>
            {
                closed.TrySetResult(e);
                return Task.CompletedTask;
            };

            var (second, connected) = await MqttTestClient.ConnectAsync(_port, "aq-18");
            using (second)
            {
                Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
                var reason = await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
                Assert.Equal(MqttClientDisconnectReason.SessionTakenOver, reason.Reason);
                var published = await MqttTestClient.PublishAsync(second, "sensors/aq-18/temperature", "20.5");
                Assert.Equal(MqttClientPublishReasonCode.Success, published.ReasonCode);
            }
        }
    }

    // A publish the broker closes (it does so for MQTT 3.1.1 when the events could not be made durable) fails with the
    // silo's own account of why, not only mosquitto_pub's "connection lost".
    private async Task PublishAsync(string topic, string message)
    {
        try
        {
            await MosquittoPub.OneAsync(_port, "aq-17", topic, message);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{ex.Message}\nThe silo's output:\n{_silo.Output}", ex);
        }
    }
}
