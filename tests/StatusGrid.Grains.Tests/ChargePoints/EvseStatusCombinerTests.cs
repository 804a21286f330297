using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Grains.ChargePoints;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests.ChargePoints;

public sealed class EvseStatusCombinerTests
{
    [Theory]
    [InlineData(ConnectorState.Available, EvseStatus.Available)]
    [InlineData(ConnectorState.Preparing, EvseStatus.Charging)]
    [InlineData(ConnectorState.Charging, EvseStatus.Charging)]
    [InlineData(ConnectorState.SuspendedEV, EvseStatus.Charging)]
    [InlineData(ConnectorState.SuspendedEVSE, EvseStatus.Charging)]
    [InlineData(ConnectorState.Finishing, EvseStatus.Charging)]
    [InlineData(ConnectorState.Occupied, EvseStatus.Charging)]
    [InlineData(ConnectorState.Reserved, EvseStatus.Reserved)]
    [InlineData(ConnectorState.Unavailable, EvseStatus.Inoperative)]
    [InlineData(ConnectorState.Faulted, EvseStatus.OutOfOrder)]
    public void Every_ocpp_status_maps_to_the_ocpi_status_in_the_readme_table(ConnectorState state, EvseStatus expected) =>
        Assert.Equal(expected, OcppStatusMap.ToOcpi(state));

    [Fact]
    public void A_connector_in_use_makes_the_evse_charging_whatever_the_others_say() =>
        Assert.Equal(EvseStatus.Charging, EvseStatusCombiner.Combine([ConnectorState.Faulted, ConnectorState.SuspendedEV, ConnectorState.Reserved]));

    [Fact]
    public void A_reservation_outranks_a_free_connector() =>
        Assert.Equal(EvseStatus.Reserved, EvseStatusCombiner.Combine([ConnectorState.Available, ConnectorState.Reserved]));

    [Fact]
    public void A_faulted_connector_beside_a_free_one_leaves_the_evse_available() =>
        Assert.Equal(EvseStatus.Available, EvseStatusCombiner.Combine([ConnectorState.Faulted, ConnectorState.Available]));

    [Fact]
    public void Unavailable_outranks_faulted_when_no_connector_is_usable() =>
        Assert.Equal(EvseStatus.Inoperative, EvseStatusCombiner.Combine([ConnectorState.Faulted, ConnectorState.Unavailable]));

    [Fact]
    public void A_faulted_station_puts_an_idle_evse_out_of_order() =>
        Assert.Equal(EvseStatus.OutOfOrder, EvseStatusCombiner.Combine([ConnectorState.Available], [ConnectorState.Faulted]));

    [Fact]
    public void A_faulted_station_does_not_hide_a_charging_session() =>
        Assert.Equal(EvseStatus.Charging, EvseStatusCombiner.Combine([ConnectorState.Charging], [ConnectorState.Faulted]));

    [Fact]
    public void An_available_station_changes_nothing() =>
        Assert.Equal(EvseStatus.Reserved, EvseStatusCombiner.Combine([ConnectorState.Reserved], [ConnectorState.Available]));

    [Fact]
    public void No_connector_information_is_unknown() =>
        Assert.Equal(EvseStatus.Unknown, EvseStatusCombiner.Combine([]));
}
