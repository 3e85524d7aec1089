using System.Globalization;

namespace Streaming.EndToEnd.Tests;

/// <summary>A silo whose embedded broker requires credentials: three devices, small packets, a low rate limit.</summary>
public sealed class AuthBrokerSilo : IAsyncLifetime
{
    public const string Secret = "correct horse battery staple";
    public const int MaxPacketBytes = 4096, RatePerSecond = 20;
    public static readonly string[] Devices = ["dev-good", "dev-flood", "dev-calm"];

    internal SiloProcess Silo { get; private set; } = null!;

    public int Port { get; } = FreeTcpPort.Next();

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Mqtt:Port"] = Port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:AllowAnonymous"] = "false",
            ["Mqtt:MaxPacketBytes"] = MaxPacketBytes.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:RateLimitPerSecond"] = RatePerSecond.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:RateLimitBurst"] = RatePerSecond.ToString(CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < Devices.Length; i++)
        {
            settings[$"Mqtt:Devices:{i}:ClientId"] = Devices[i];
            settings[$"Mqtt:Devices:{i}:SecretHash"] = DeviceSecret.Hash(Secret);
        }
        Silo = await SiloProcess.StartAsync(settings);
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
