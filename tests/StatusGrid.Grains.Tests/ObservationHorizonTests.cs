using StatusGrid.Grains.Evses;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests;

public sealed class ObservationHorizonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_report_observed_before_the_horizon_is_history_and_one_at_it_is_new_unless_that_status_was_seen_then()
    {
        var horizon = new ObservationHorizon(DateTimeOffset.MinValue);
        horizon.Saw(T0, EvseStatus.Charging);
        horizon.Saw(T0, EvseStatus.Available);

        Assert.True(horizon.IsBefore(T0.AddMilliseconds(-1)));
        Assert.False(horizon.IsBefore(T0));
        Assert.True(horizon.SawAlready(T0, EvseStatus.Charging));
        Assert.True(horizon.SawAlready(T0, EvseStatus.Available));
        Assert.False(horizon.SawAlready(T0, EvseStatus.Blocked));
        Assert.False(horizon.SawAlready(T0.AddMilliseconds(1), EvseStatus.Charging));
    }

    [Fact]
    public void A_later_observation_forgets_what_was_seen_at_the_earlier_one()
    {
        var horizon = new ObservationHorizon(DateTimeOffset.MinValue);
        horizon.Saw(T0, EvseStatus.Charging);
        horizon.Saw(T0.AddSeconds(1), EvseStatus.Available);
        horizon.Saw(T0, EvseStatus.Blocked); // older: changes nothing

        Assert.Equal(T0.AddSeconds(1), horizon.At);
        Assert.False(horizon.SawAlready(T0.AddSeconds(1), EvseStatus.Charging));
        Assert.True(horizon.SawAlready(T0.AddSeconds(1), EvseStatus.Available));
        Assert.False(horizon.SawAlready(T0.AddSeconds(1), EvseStatus.Blocked));
    }

    [Fact]
    public void Raising_to_a_stamp_makes_everything_observed_before_it_history_and_nothing_at_it_seen()
    {
        var horizon = new ObservationHorizon(T0);
        horizon.Saw(T0, EvseStatus.Charging);
        horizon.Raise(T0.AddMilliseconds(5));
        horizon.Raise(T0); // lower: changes nothing

        Assert.Equal(T0.AddMilliseconds(5), horizon.At);
        Assert.True(horizon.IsBefore(T0.AddMilliseconds(4)));
        Assert.False(horizon.SawAlready(T0.AddMilliseconds(5), EvseStatus.Charging));
    }

    [Fact]
    public void A_change_is_published_after_what_partners_hold_and_otherwise_at_its_own_time()
    {
        Assert.Equal(T0, ObservationHorizon.Stamp(T0, held: null));
        Assert.Equal(T0, ObservationHorizon.Stamp(T0, held: T0.AddMilliseconds(-1)));
        Assert.Equal(T0.AddMilliseconds(1), ObservationHorizon.Stamp(T0, held: T0));
        Assert.Equal(T0.AddMilliseconds(8), ObservationHorizon.Stamp(T0, held: T0.AddMilliseconds(7)));
    }

    [Fact]
    public void Every_ocpi_status_has_its_own_bit()
    {
        var statuses = Enum.GetValues<EvseStatus>();
        Assert.True(statuses.Max(s => (int)s) < 32, "the seen statuses are one bit each in a uint");
        foreach (var status in statuses)
        {
            var horizon = new ObservationHorizon(DateTimeOffset.MinValue);
            horizon.Saw(T0, status);
            Assert.Equal([status], statuses.Where(s => horizon.SawAlready(T0, s)));
        }
    }
}
