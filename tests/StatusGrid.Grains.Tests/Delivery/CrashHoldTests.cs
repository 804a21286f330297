using System.Net;
using Orleans.Runtime;
using StatusGrid.Grains.Partners;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>Until when a partner's next activation holds its sends after a crash: one request timeout after the dead silo is known to have stopped.</summary>
public sealed class CrashHoldTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SiloAddress Self = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 500);

    [Fact]
    public void A_clean_stop_holds_nothing() =>
        Assert.Equal(Now, Until(null, started: Now.AddHours(-1)));

    [Fact]
    public void A_crash_on_another_silo_not_yet_seen_dead_holds_one_request_timeout_from_now_whatever_this_silo_has_run() =>
        Assert.Equal(Now + Timeout, Until(At(11112, 400), started: Now.AddHours(-1)));

    [Fact]
    public void A_crash_on_another_silo_counts_from_when_this_silo_saw_it_dead()
    {
        Assert.Equal(Now.AddSeconds(4), Until(At(11112, 400), started: Now.AddHours(-1), seenDead: Now.AddSeconds(-6)));
        Assert.True(Until(At(11112, 400), started: Now.AddHours(-1), seenDead: Now.AddSeconds(-30)) <= Now);
    }

    [Fact]
    public void A_crash_of_an_earlier_run_of_this_silo_counts_from_this_process_start()
    {
        Assert.Equal(Now.AddSeconds(7), Until(At(11111, 400), started: Now.AddSeconds(-3)));
        Assert.True(Until(At(11111, 400), started: Now.AddSeconds(-30)) <= Now);
    }

    [Fact]
    public void The_same_run_of_this_silo_or_an_unreadable_record_holds_one_request_timeout_from_now()
    {
        // The activation ended without a clean stop while the silo ran on (requests may still be out): nothing bounds it.
        Assert.Equal(Now + Timeout, Until(At(11111, 500), started: Now.AddMinutes(-5), seenDead: Now.AddMinutes(-1)));
        Assert.Equal(Now + Timeout, Until("not a silo", started: Now.AddMinutes(-5)));
    }

    private static DateTimeOffset Until(string? predecessor, DateTimeOffset started, DateTimeOffset? seenDead = null) =>
        CrashHold.Until(predecessor, Self, Timeout, Now, started, _ => seenDead);

    private static string At(int port, int generation) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), generation).ToParsableString();
}
