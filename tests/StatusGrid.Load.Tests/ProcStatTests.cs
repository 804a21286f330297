using StatusGrid.LoadDriver.Target;

namespace StatusGrid.Load.Tests;

public sealed class ProcStatTests
{
    // A real /proc/[pid]/stat line, with a command name containing spaces and a parenthesis.
    private const string Stat = "4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194560 52000 0 12 0 1234 567 0 0 20 0 30 0 12345 "
        + "53215000000 50000 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0";

    [Fact]
    public void Cpu_ticks_are_utime_plus_stime_after_the_command_name()
    {
        Assert.Equal(1234 + 567, ProcStat.ParseCpuTicks(Stat));
    }

    [Fact]
    public void Status_values_are_read_in_bytes_whatever_the_whitespace()
    {
        const string status = "Name:\tdotnet\nVmHWM:\t  400000 kB\nVmRSS:\t  348960 kB\nThreads:\t30\n";

        Assert.Equal(348_960L * 1024, ProcStat.ParseStatusKb(status, "VmRSS"));
        Assert.Equal(400_000L * 1024, ProcStat.ParseStatusKb(status, "VmHWM"));
        Assert.Null(ProcStat.ParseStatusKb(status, "VmSwap"));
    }

    [Fact]
    public void Machine_ticks_count_iowait_as_idle()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice
        const string stat = "cpu  100 10 50 800 40 0 0 0 0 0\ncpu0 50 5 25 400 20 0 0 0 0 0\n";

        var (busy, total) = ProcStat.ParseMachineTicks(stat);
        Assert.Equal(160, busy);
        Assert.Equal(1000, total);
    }

    [Fact]
    public void Cpu_percent_is_per_core()
    {
        // 150 ticks (1.5 s of CPU) in one second = one and a half cores.
        Assert.Equal(150, ProcStat.CpuPercent(1000, 1150, TimeSpan.FromSeconds(1)), 3);
        Assert.Equal(0, ProcStat.CpuPercent(1000, 1150, TimeSpan.Zero));
    }

    [Fact]
    public void Listening_inodes_match_the_port_in_hex_and_the_listen_state()
    {
        const string table = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:13D8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0000000000000000 100 0 0 10 0
               1: 0100007F:13D8 0100007F:A000 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0000000000000000 20 4 30 10 -1
               2: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 333 1 0000000000000000 100 0 0 10 0
            """;

        Assert.Equal(["111"], ListeningProcess.ListeningInodes(table, 5080));
        Assert.Equal(["333"], ListeningProcess.ListeningInodes(table, 8080));
        Assert.Empty(ListeningProcess.ListeningInodes(table, 9999));
    }

    [Fact]
    public void This_process_can_be_sampled()
    {
        Assert.True(ProcStat.ReadRssBytes(Environment.ProcessId) > 10 * 1024 * 1024);
        Assert.NotNull(ProcStat.ReadCpuTicks(Environment.ProcessId));
        Assert.Null(ProcStat.ReadCpuTicks(int.MaxValue));
    }
}
