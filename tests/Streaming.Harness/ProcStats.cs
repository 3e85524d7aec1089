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
        var fields = Stat(pid);
        return (Field(fields, Utime) + Field(fields, Stime)) / TicksPerSecond;
    }

    /// <summary>
    /// CPU seconds of a server that forks a process per connection (PostgreSQL): its own, its children's that it has
    /// reaped (cutime + cstime), and those of its children still running.
    /// </summary>
    public static double CpuSecondsWithChildren(int pid)
    {
        var own = Stat(pid);
        var ticks = Field(own, Utime) + Field(own, Stime) + Field(own, ChildUtime) + Field(own, ChildStime);
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), CultureInfo.InvariantCulture, out var child) || child == pid)
            {
                continue;
            }
            try
            {
                var fields = Stat(child);
                if (Field(fields, ParentPid) == pid)
                {
                    ticks += Field(fields, Utime) + Field(fields, Stime);
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile; its parent has its time now, or will soon.
            }
        }
        return ticks / TicksPerSecond;
    }

    // Fields of /proc/PID/stat after the command name, numbered as proc(5) numbers them.
    private const int ParentPid = 4, Utime = 14, Stime = 15, ChildUtime = 16, ChildStime = 17;

    private static string[] Stat(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    // The split starts at field 3 (state).
    private static long Field(string[] fields, int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);

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
