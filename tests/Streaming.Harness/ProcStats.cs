using System.Globalization;
using System.Runtime.InteropServices;

namespace Streaming.Harness;

/// <summary>
/// Reads a process's CPU time and resident memory from /proc, so the platform's own cost is measured from outside it
/// (the harness never asks the platform how much it spent).
/// </summary>
internal static class ProcStats
{
    private const int ScClkTck = 2; // _SC_CLK_TCK on Linux

    private static readonly double TicksPerSecond = ReadClockTicks();

    /// <summary>User plus system CPU seconds the process has used so far (utime + stime of /proc/PID/stat).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state), so utime (field 14) is fields[11] and stime (field 15) fields[12].
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / TicksPerSecond;
    }

    /// <summary>Resident set size in bytes (VmRSS of /proc/PID/status).</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS line");
    }

    private static double ReadClockTicks()
    {
        var ticks = Sysconf(ScClkTck);
        return ticks > 0 ? ticks : 100;
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code for its generated stub.
    [DllImport("libc", EntryPoint = "sysconf")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern long Sysconf(int name);
}
