using System.Globalization;

namespace StatusGrid.LoadDriver.Target;

/// <summary>
/// Reads CPU time and resident memory from /proc (no dotnet-counters here). Parsing is separate from file access so it
/// can be tested on fixed text.
/// </summary>
internal static class ProcStat
{
    /// <summary>USER_HZ: the unit of utime/stime in /proc/[pid]/stat; 100 on every Linux x86-64/arm64 kernel ABI.</summary>
    public const double TicksPerSecond = 100;

    /// <summary>utime + stime in clock ticks from the text of /proc/[pid]/stat.</summary>
    public static long ParseCpuTicks(string statText)
    {
        // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
        var afterName = statText[(statText.LastIndexOf(')') + 2)..].Split(' ');
        // afterName[0] is field 3 (state); utime is field 14, stime field 15.
        return long.Parse(afterName[11], CultureInfo.InvariantCulture) + long.Parse(afterName[12], CultureInfo.InvariantCulture);
    }

    /// <summary>A "Name:   123 kB" value from /proc/[pid]/status, in bytes; null when absent.</summary>
    public static long? ParseStatusKb(string statusText, string field)
    {
        foreach (var line in statusText.Split('\n'))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var parts = line[(field.Length + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }

    /// <summary>(busy, total) jiffies of all CPUs from the first line of /proc/stat.</summary>
    public static (long Busy, long Total) ParseMachineTicks(string procStatText)
    {
        var first = procStatText.AsSpan(0, procStatText.IndexOf('\n') is var nl and >= 0 ? nl : procStatText.Length).ToString();
        var fields = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already inside user.
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        var total = fields.Take(Math.Min(fields.Length, 8)).Sum();
        return (total - idle, total);
    }

    /// <summary>CPU use between two samples as percent of one core (200 = both cores of a 2-core machine busy).</summary>
    public static double CpuPercent(long ticksBefore, long ticksAfter, TimeSpan elapsed) =>
        elapsed <= TimeSpan.Zero ? 0 : (ticksAfter - ticksBefore) / TicksPerSecond / elapsed.TotalSeconds * 100;

    public static long? ReadCpuTicks(int pid) =>
        TryRead($"/proc/{pid}/stat") is { } text ? ParseCpuTicks(text) : null;

    public static long? ReadRssBytes(int pid) =>
        TryRead($"/proc/{pid}/status") is { } text ? ParseStatusKb(text, "VmRSS") : null;

    public static (long Busy, long Total)? ReadMachineTicks() =>
        TryRead("/proc/stat") is { } text ? ParseMachineTicks(text) : null;

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
