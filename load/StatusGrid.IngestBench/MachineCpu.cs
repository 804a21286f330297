using System.Globalization;

namespace StatusGrid.IngestBench;

/// <summary>Busy share of all cores between two samples of /proc/stat (Linux); NaN elsewhere.</summary>
internal sealed record MachineCpu(long Busy, long Total)
{
    public static MachineCpu Sample()
    {
        if (!File.Exists("/proc/stat"))
        {
            return new MachineCpu(0, 0);
        }

        // "cpu  user nice system idle iowait irq softirq steal ..." in clock ticks; idle + iowait is not busy.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return new MachineCpu(total - idle, total);
    }

    public double BusySince(MachineCpu earlier) =>
        Total > earlier.Total ? (double)(Busy - earlier.Busy) / (Total - earlier.Total) : double.NaN;
}
