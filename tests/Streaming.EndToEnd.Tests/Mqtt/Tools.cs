namespace Streaming.EndToEnd.Tests;

/// <summary>Finds the Debian-packaged tools the MQTT tests drive, or fails saying which package to install.</summary>
internal static class Tools
{
    private static readonly string[] Directories = ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"];

    public static string Find(string command, string debianPackage)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directories)
            .Select(d => Path.Combine(d, command))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            $"'{command}' was not found. Install the Debian package: sudo apt-get install {debianPackage} (scripts/test.sh does this).");
    }
}
