using System.Runtime.InteropServices;

namespace StatusGrid.OcppFleet;

/// <summary>
/// What a fleet of N WebSockets on loopback needs from the OS, checked before anything starts: file descriptors (each
/// connection is one in this process and one in the server, which inherits our limit) and ephemeral ports (each
/// connection takes one; the reconnect storm another while the killed ones linger in TIME_WAIT unless loopback reuse
/// is on). The soft descriptor limit is raised to the hard one when that is not enough.
/// </summary>
public static partial class FleetLimits
{
    private const int RlimitNofile = 7;
    private const int Spare = 1024;

    public static void Ensure(int chargePoints)
    {
        var needed = (ulong)(chargePoints + Spare);
        if (getrlimit(RlimitNofile, out var limit) != 0)
        {
            Console.WriteLine($"limits: could not read RLIMIT_NOFILE (errno {Marshal.GetLastPInvokeError()}); assuming it suffices");
        }
        else
        {
            var soft = limit.Current;
            if (soft < needed && limit.Maximum > soft)
            {
                var raised = new RLimit { Current = Math.Min(limit.Maximum, Math.Max(needed, soft)), Maximum = limit.Maximum };
                if (setrlimit(RlimitNofile, in raised) == 0)
                {
                    limit = raised;
                }
            }

            Console.WriteLine($"limits: open files soft {limit.Current} / hard {limit.Maximum} (was {soft}); needed per process ≈ {needed}");
            if (limit.Current < needed)
            {
                throw new InvalidOperationException(
                    $"{chargePoints} WebSockets need about {needed} open files per process, but the hard limit is {limit.Maximum}. Raise it (ulimit -Hn, or LimitNOFILE) or run fewer charge points.");
            }
        }

        var range = ReadFirstLine("/proc/sys/net/ipv4/ip_local_port_range")?.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var reuse = ReadFirstLine("/proc/sys/net/ipv4/tcp_tw_reuse")?.Trim();
        if (range is [var low, var high] && int.TryParse(low, out var from) && int.TryParse(high, out var to))
        {
            var ports = to - from + 1;
            // Without TIME_WAIT reuse on loopback (tcp_tw_reuse 1 or 2), the storm needs a second port per station.
            var portsNeeded = reuse is "1" or "2" ? chargePoints : 2 * chargePoints;
            Console.WriteLine($"limits: ephemeral ports {from}–{to} ({ports}), tcp_tw_reuse {reuse ?? "?"}; needed ≈ {portsNeeded}");
            if (ports < portsNeeded + Spare)
            {
                throw new InvalidOperationException(
                    $"{chargePoints} stations on loopback need about {portsNeeded} ephemeral ports; net.ipv4.ip_local_port_range gives {ports}. Widen it or set net.ipv4.tcp_tw_reuse=1.");
            }
        }
    }

    private static string? ReadFirstLine(string path) => File.Exists(path) ? File.ReadLines(path).FirstOrDefault() : null;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, in RLimit limit);
}
