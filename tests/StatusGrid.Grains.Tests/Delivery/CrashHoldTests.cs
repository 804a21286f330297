using System.Net;
using Orleans.Runtime;
using StatusGrid.Grains.Partners;

namespace StatusGrid.Grains.Tests.Delivery;

public sealed class CrashHoldTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly SiloAddress Self = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 500);

    [Fact]
    public void A_clean_stop_holds_nothing() =>
        Assert.Equal(TimeSpan.Zero, CrashHold.For(null, Self, Timeout, TimeSpan.Zero));

    [Fact]
    public void A_crash_on_another_silo_holds_one_request_timeout_whatever_this_silo_has_run() =>
        Assert.Equal(Timeout, CrashHold.For(At(11112, 400), Self, Timeout, TimeSpan.FromHours(1)));

    [Fact]
    public void A_crash_of_an_earlier_run_of_this_silo_counts_from_this_process_start()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), CrashHold.For(At(11111, 400), Self, Timeout, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.Zero, CrashHold.For(At(11111, 400), Self, Timeout, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void The_same_run_of_this_silo_or_an_unreadable_record_holds_one_request_timeout()
    {
        // The activation crashed but the silo did not (or the record is from elsewhere): no process start bounds it.
        Assert.Equal(Timeout, CrashHold.For(At(11111, 500), Self, Timeout, TimeSpan.FromMinutes(5)));
        Assert.Equal(Timeout, CrashHold.For("not a silo", Self, Timeout, TimeSpan.FromMinutes(5)));
    }

    private static string At(int port, int generation) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), generation).ToParsableString();
}
