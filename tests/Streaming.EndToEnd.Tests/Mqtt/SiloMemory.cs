using System.Globalization;
using System.Text;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// The resident memory of a silo process, found through its embedded broker's port: <see cref="SiloProcess"/> passes
/// settings as environment variables, so the process whose environment holds <c>Mqtt__Port=&lt;port&gt;</c> is the silo.
/// Linux only (reads /proc).
/// </summary>
internal static class SiloMemory
{
    public static int FindPid(int mqttPort)
    {
        var marker = $"\0Mqtt__Port={mqttPort.ToString(CultureInfo.InvariantCulture)}\0";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            string environment;
            try
            {
                environment = "\0" + Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(dir, "environ")));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // another user's process, or one that just exited
            }
            if (environment.Contains(marker, StringComparison.Ordinal))
            {
                return pid;
            }
        }
        throw new InvalidOperationException($"no process has Mqtt__Port={mqttPort} in its environment");
    }

    /// <summary>VmRSS from /proc/&lt;pid&gt;/status, in bytes.</summary>
    public static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
    }
}
