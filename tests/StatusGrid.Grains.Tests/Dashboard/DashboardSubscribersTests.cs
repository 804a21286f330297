using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using StatusGrid.Contracts.Dashboard;
using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Dashboard;

namespace StatusGrid.Grains.Tests.Dashboard;

public sealed class DashboardSubscribersTests
{
    private static readonly IReadOnlySet<string> NoneGone = new HashSet<string>();

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_front_end_that_stops_registering_is_dropped_after_its_own_expiry_while_silos_stay()
    {
        var subscribers = new DashboardSubscribers(_time);
        subscribers.RegisterSilo("silo-a", new Observer());
        subscribers.RegisterFrontEnd("frontend/b", new Observer(), TimeSpan.FromSeconds(3));

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(["frontend/b", "silo-a"], Ids(subscribers.Current(NoneGone)));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var current = subscribers.Current(NoneGone);
        Assert.Equal(["silo-a"], Ids(current));
        Assert.False(current.Single().FrontEnd);
    }

    [Fact]
    public void A_front_end_that_keeps_registering_stays_and_is_marked_as_a_front_end()
    {
        var subscribers = new DashboardSubscribers(_time);
        for (var i = 0; i < 5; i++)
        {
            subscribers.RegisterFrontEnd("frontend/b", new Observer(), TimeSpan.FromSeconds(3));
            _time.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.True(subscribers.Current(NoneGone).Single().FrontEnd);
    }

    [Fact]
    public void A_registration_says_whether_the_registry_still_held_the_observer_so_a_gap_is_known()
    {
        var subscribers = new DashboardSubscribers(_time);
        Assert.False(subscribers.RegisterFrontEnd("frontend/b", new Observer(), TimeSpan.FromSeconds(3))); // new
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(subscribers.RegisterFrontEnd("frontend/b", new Observer(), TimeSpan.FromSeconds(3))); // no gap

        // Stalled past its expiry: dropped (whether or not a reader pruned it yet), so fan-outs sent it nothing meanwhile.
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(subscribers.RegisterFrontEnd("frontend/b", new Observer(), TimeSpan.FromSeconds(3)));

        Assert.False(subscribers.RegisterSilo("silo-a", new Observer()));
        subscribers.Unregister("silo-a");
        Assert.False(subscribers.RegisterSilo("silo-a", new Observer()));
        Assert.True(subscribers.RegisterSilo("silo-a", new Observer()));
    }

    [Fact]
    public void A_front_end_cannot_ask_to_be_kept_longer_than_a_silo()
    {
        var subscribers = new DashboardSubscribers(_time);
        subscribers.RegisterFrontEnd("frontend/forever", new Observer(), TimeSpan.FromDays(1));
        subscribers.RegisterFrontEnd("frontend/none", new Observer(), TimeSpan.Zero);

        _time.Advance(DashboardSubscribers.SiloExpiry + TimeSpan.FromMilliseconds(1));

        Assert.Empty(subscribers.Current(NoneGone));
    }

    [Fact]
    public void A_silo_that_membership_reports_gone_is_dropped_at_once_but_a_front_end_with_the_same_id_is_not_a_silo()
    {
        var subscribers = new DashboardSubscribers(_time);
        subscribers.RegisterSilo("silo-a", new Observer());
        subscribers.RegisterSilo("silo-b", new Observer());
        subscribers.RegisterFrontEnd("frontend/c", new Observer(), TimeSpan.FromSeconds(15));

        Assert.Equal(["frontend/c", "silo-b"], Ids(subscribers.Current(new HashSet<string> { "silo-a", "frontend/c" })));
    }

    [Fact]
    public void A_silo_that_stops_registering_is_dropped_after_the_silo_expiry()
    {
        var subscribers = new DashboardSubscribers(_time);
        subscribers.RegisterSilo("silo-a", new Observer());

        _time.Advance(DashboardSubscribers.SiloExpiry);
        Assert.Single(subscribers.Current(NoneGone));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Empty(subscribers.Current(NoneGone));
    }

    private static string[] Ids(ImmutableArray<DashboardSubscriber> subscribers) => [.. subscribers.Select(s => s.SiloId).Order(StringComparer.Ordinal)];

    private sealed class Observer : IDashboardObserver
    {
        public Task OnStatusChanges(ImmutableArray<EvseStatusChange> changes) => Task.CompletedTask;

        public Task OnLocationsChanged(ImmutableArray<string> locationIds) => Task.CompletedTask;
    }
}
