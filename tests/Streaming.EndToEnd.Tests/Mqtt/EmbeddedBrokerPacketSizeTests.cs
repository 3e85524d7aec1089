using System.Globalization;
using System.Net.Sockets;
using MQTTnet;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// A packet's declared size is bounded before its body is read: a PUBLISH whose fixed header claims 200 MB gets the
/// client disconnected at once, is dead-lettered, and costs the silo no memory; other clients carry on.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(MqttCollection.Name)]
public sealed class EmbeddedBrokerPacketSizeTests : IAsyncLifetime
{
    private const int MaxPacketBytes = 4096, HeaderAllowance = 16 * 1024;
    private const int Declared = 200 * 1024 * 1024;
    private readonly int _port = FreeTcpPort.Next();
    private SiloProcess _silo = null!;

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(new Dictionary<string, string>
    {
        ["Mqtt:Port"] = _port.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:MaxPacketBytes"] = MaxPacketBytes.ToString(CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Publish_HeaderDeclares200MB_DisconnectedUnreadDeadLetteredAndOthersFlow()
    {
        var pid = SiloMemory.FindPid(_port);
        var rssBefore = SiloMemory.ResidentBytes(pid);
        var deadBefore = await SiloCounts.DeadLettersAsync(_silo, "Decode/TooLarge");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", _port, timeout.Token);
            var stream = tcp.GetStream();
            await stream.WriteAsync(RawMqtt.Connect("huge-sender"), timeout.Token);
            var (connAckType, connAck) = await RawMqtt.ReadPacketAsync(stream, timeout.Token);
            Assert.Equal(0x20, connAckType);
            Assert.Equal(0, connAck[1]); // Success

            await stream.WriteAsync(RawMqtt.PublishHead("sensors/huge-sender", Declared, 4096), timeout.Token);
            var (type, body) = await RawMqtt.ReadPacketAsync(stream, timeout.Token);
            Assert.Equal(RawMqtt.DisconnectType, type);
            Assert.Equal(RawMqtt.PacketTooLarge, body[0]);
            Assert.True(await ClosedAsync(stream, timeout.Token), "the broker closes the connection after its DISCONNECT");
        }

        Assert.Equal(deadBefore + 1, await DeadLettersEventuallyAsync("Decode/TooLarge", deadBefore + 1));
        var grown = SiloMemory.ResidentBytes(pid) - rssBefore;
        Assert.True(grown < 50L * 1024 * 1024, $"the silo grew by {grown / 1024} KiB: the declared body must not be allocated");

        var (client, connected) = await MqttTestClient.ConnectAsync(_port, "normal-sender");
        using (client)
        {
            Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
            var result = await MqttTestClient.PublishAsync(client, "sensors/normal-sender", MqttTestClient.Reading(1));
            Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
            Assert.Equal(1, await SiloCounts.EventsAppliedAsync(_silo, "normal-sender"));
        }
    }

    [Fact]
    public async Task Connect_Mqtt5_ConnAckAdvertisesMaximumPacketSize()
    {
        var (client, connected) = await MqttTestClient.ConnectAsync(_port, "size-reader");
        using (client)
        {
            Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
            // Payload limit, room for topic and properties, and the largest fixed header (type byte + 4 length bytes).
            Assert.Equal((uint)(MaxPacketBytes + HeaderAllowance + 5), connected.MaximumPacketSize);
        }
    }

    private static async Task<bool> ClosedAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, cancellationToken) > 0)
            {
                // anything after the DISCONNECT is ignored; only the close matters
            }
            return true;
        }
        catch (IOException)
        {
            return true; // reset: the broker closed with our unread bytes still queued
        }
    }

    private async Task<long> DeadLettersEventuallyAsync(string stageAndReason, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        var count = await SiloCounts.DeadLettersAsync(_silo, stageAndReason);
        while (count < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            count = await SiloCounts.DeadLettersAsync(_silo, stageAndReason);
        }
        return count;
    }
}
