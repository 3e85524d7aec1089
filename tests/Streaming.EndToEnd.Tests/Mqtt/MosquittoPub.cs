using System.Globalization;

namespace Streaming.EndToEnd.Tests;

/// <summary>Publishes with Debian's mosquitto_pub, the independent MQTT client (package mosquitto-clients).</summary>
internal static class MosquittoPub
{
    /// <summary>
    /// Publishes every line of <paramref name="file"/> as one message (<c>-l</c>). Keep files at or below 20,000 lines:
    /// with hundreds of thousands, mosquitto_pub drops messages and still exits 0.
    /// </summary>
    public static Task LinesAsync(int port, string clientId, string topic, string file, int qos = 1)
    {
        var pub = Tools.Find("mosquitto_pub", "mosquitto-clients");
        var command = string.Create(CultureInfo.InvariantCulture,
            $"'{pub}' -h 127.0.0.1 -p {port} -i '{clientId}' -q {qos} -t '{topic}' -l < '{file}'");
        return ProcessRunner.RunAsync("sh", ["-c", command], timeout: TimeSpan.FromMinutes(2));
    }

    /// <summary>Publishes one message.</summary>
    public static Task<ProcessResult> OneAsync(int port, string clientId, string topic, string message, int qos = 1) =>
        ProcessRunner.RunAsync(Tools.Find("mosquitto_pub", "mosquitto-clients"),
            ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-i", clientId, "-q", qos.ToString(CultureInfo.InvariantCulture),
             "-t", topic, "-m", message]);
}
