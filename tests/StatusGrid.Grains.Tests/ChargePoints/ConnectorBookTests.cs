using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.ChargePoints;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests.ChargePoints;

public sealed class ConnectorBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    // 1.6 connectors 1 and 2 are one twin-cable EVSE; connector 3 is its own. 2.0.1 EVSE 1 is the twin.
    private static readonly ChargePointRegistration Registration = new("CP1", ["hash"],
        [new EvseMapping(1, "LOC", "TWIN"), new EvseMapping(2, "LOC", "TWIN"), new EvseMapping(3, "LOC", "SOLO")],
        [new EvseMapping(1, "LOC", "TWIN"), new EvseMapping(2, "LOC", "SOLO")]);

    private static readonly EvseAddress Twin = new("LOC", "TWIN");
    private static readonly EvseAddress Solo = new("LOC", "SOLO");

    [Fact]
    public void Twin_connectors_combine_into_one_evse_status_at_their_latest_observation()
    {
        var book = new ConnectorBook([]);
        book.Apply(new ConnectorStatusReport(0, 1, ConnectorState.Available, T0.AddSeconds(5)));
        book.Apply(new ConnectorStatusReport(0, 2, ConnectorState.Charging, T0));

        var verdict = book.Combine(Registration, OcppProtocol.Ocpp16, Twin);

        Assert.Equal(new EvseVerdict(Twin, EvseStatus.Charging, T0.AddSeconds(5)), verdict);
        Assert.Null(book.Combine(Registration, OcppProtocol.Ocpp16, Solo));
    }

    [Fact]
    public void A_report_older_than_the_connectors_last_is_stale_and_changes_nothing()
    {
        var book = new ConnectorBook([]);
        Assert.True(book.Apply(new ConnectorStatusReport(0, 3, ConnectorState.Charging, T0.AddSeconds(10))));

        Assert.False(book.Apply(new ConnectorStatusReport(0, 3, ConnectorState.Available, T0)));

        Assert.Equal(EvseStatus.Charging, book.Combine(Registration, OcppProtocol.Ocpp16, Solo)!.Status);
    }

    [Fact]
    public void Connector_zero_reaches_every_mapped_evse_and_a_faulted_station_takes_them_out_of_order()
    {
        var book = new ConnectorBook([]);
        var report = new ConnectorStatusReport(0, 0, ConnectorState.Faulted, T0);
        book.Apply(report);

        Assert.Equal([Twin, Solo], ConnectorBook.Targets(Registration, OcppProtocol.Ocpp16, report));
        Assert.Equal(EvseStatus.OutOfOrder, book.Combine(Registration, OcppProtocol.Ocpp16, Twin)!.Status);
        Assert.Equal(EvseStatus.OutOfOrder, book.Combine(Registration, OcppProtocol.Ocpp16, Solo)!.Status);
    }

    [Fact]
    public void An_available_station_before_any_connector_report_says_nothing_about_its_evses()
    {
        // A 1.6 boot usually reports connector 0 first: that must not flash every EVSE to UNKNOWN.
        var book = new ConnectorBook([]);
        book.Apply(new ConnectorStatusReport(0, 0, ConnectorState.Available, T0));

        Assert.Null(book.Combine(Registration, OcppProtocol.Ocpp16, Twin));

        book.Apply(new ConnectorStatusReport(0, 0, ConnectorState.Unavailable, T0.AddSeconds(1)));
        Assert.Equal(EvseStatus.Inoperative, book.Combine(Registration, OcppProtocol.Ocpp16, Twin)!.Status);
    }

    [Theory]
    [InlineData(ConnectorState.Unavailable)]
    [InlineData(ConnectorState.Faulted)]
    public void A_station_back_available_with_no_connector_report_makes_its_evses_available_again(ConnectorState down)
    {
        // A station that reports only connector 0, or one whose connector records a protocol switch cleared.
        var book = new ConnectorBook([]);
        book.Apply(new ConnectorStatusReport(0, 0, down, T0));
        Assert.NotEqual(EvseStatus.Available, book.Combine(Registration, OcppProtocol.Ocpp16, Twin)!.Status);

        book.Apply(new ConnectorStatusReport(0, 0, ConnectorState.Available, T0.AddSeconds(1)));

        Assert.Equal(new EvseVerdict(Twin, EvseStatus.Available, T0.AddSeconds(1)), book.Combine(Registration, OcppProtocol.Ocpp16, Twin));
        Assert.Equal(new EvseVerdict(Solo, EvseStatus.Available, T0.AddSeconds(1)), book.Combine(Registration, OcppProtocol.Ocpp16, Solo));
    }

    [Fact]
    public void Version_201_maps_by_evse_id_and_combines_its_connectors()
    {
        var book = new ConnectorBook([]);
        var first = new ConnectorStatusReport(1, 1, ConnectorState.Occupied, T0);
        book.Apply(first);
        book.Apply(new ConnectorStatusReport(1, 2, ConnectorState.Available, T0.AddSeconds(1)));

        Assert.Equal([Twin], ConnectorBook.Targets(Registration, OcppProtocol.Ocpp201, first));
        Assert.Equal(new EvseVerdict(Twin, EvseStatus.Charging, T0.AddSeconds(1)), book.Combine(Registration, OcppProtocol.Ocpp201, Twin));
        Assert.Empty(ConnectorBook.Targets(Registration, OcppProtocol.Ocpp201, new ConnectorStatusReport(9, 1, ConnectorState.Faulted, T0)));
    }

    // 2.0.1 AvailabilityState at EVSE level is kept as connector 0 of that EVSE, at station level as EVSE 0 connector 0.
    [Theory]
    [InlineData(ConnectorState.Unavailable, EvseStatus.Inoperative)]
    [InlineData(ConnectorState.Faulted, EvseStatus.OutOfOrder)]
    public void A_201_evse_out_of_service_takes_its_connectors_out_and_back_in_service_gives_them_their_own_statuses(ConnectorState down, EvseStatus expected)
    {
        var records = new Dictionary<string, ConnectorRecord>();
        var book = new ConnectorBook(records);
        book.Apply(new ConnectorStatusReport(1, 1, ConnectorState.Reserved, T0));
        book.Apply(new ConnectorStatusReport(1, 2, ConnectorState.Available, T0));
        var evseDown = new ConnectorStatusReport(1, 0, down, T0.AddSeconds(1));

        Assert.True(book.Apply(evseDown));

        Assert.Equal([Twin], ConnectorBook.Targets(Registration, OcppProtocol.Ocpp201, evseDown));
        Assert.Equal(new EvseVerdict(Twin, expected, T0.AddSeconds(1)), book.Combine(Registration, OcppProtocol.Ocpp201, Twin));
        Assert.Equal(3, records.Count); // the connectors' own statuses are kept beside the EVSE's
        Assert.Null(book.Combine(Registration, OcppProtocol.Ocpp201, Solo));

        book.Apply(new ConnectorStatusReport(1, 0, ConnectorState.Available, T0.AddSeconds(2)));
        Assert.Equal(new EvseVerdict(Twin, EvseStatus.Reserved, T0.AddSeconds(2)), book.Combine(Registration, OcppProtocol.Ocpp201, Twin));
    }

    [Fact]
    public void A_201_station_out_of_service_reaches_every_evse_but_does_not_hide_a_charging_one()
    {
        var book = new ConnectorBook([]);
        book.Apply(new ConnectorStatusReport(1, 1, ConnectorState.Occupied, T0));
        book.Apply(new ConnectorStatusReport(2, 1, ConnectorState.Reserved, T0));
        var stationDown = new ConnectorStatusReport(0, 0, ConnectorState.Faulted, T0.AddSeconds(1));
        book.Apply(stationDown);

        Assert.Equal([Twin, Solo], ConnectorBook.Targets(Registration, OcppProtocol.Ocpp201, stationDown));
        Assert.Equal(EvseStatus.Charging, book.Combine(Registration, OcppProtocol.Ocpp201, Twin)!.Status);
        Assert.Equal(EvseStatus.OutOfOrder, book.Combine(Registration, OcppProtocol.Ocpp201, Solo)!.Status);

        // An EVSE down too: Unavailable ranks before Faulted, as between connectors.
        book.Apply(new ConnectorStatusReport(2, 0, ConnectorState.Unavailable, T0.AddSeconds(2)));
        Assert.Equal(EvseStatus.Inoperative, book.Combine(Registration, OcppProtocol.Ocpp201, Solo)!.Status);

        book.Apply(new ConnectorStatusReport(0, 0, ConnectorState.Available, T0.AddSeconds(3)));
        book.Apply(new ConnectorStatusReport(2, 0, ConnectorState.Available, T0.AddSeconds(4)));
        Assert.Equal(new EvseVerdict(Solo, EvseStatus.Reserved, T0.AddSeconds(4)), book.Combine(Registration, OcppProtocol.Ocpp201, Solo));
    }

    [Fact]
    public void A_201_evse_level_status_stands_for_an_evse_until_one_of_its_connectors_reports()
    {
        var book = new ConnectorBook([]);
        book.Apply(new ConnectorStatusReport(2, 0, ConnectorState.Occupied, T0));
        Assert.Equal(new EvseVerdict(Solo, EvseStatus.Charging, T0), book.Combine(Registration, OcppProtocol.Ocpp201, Solo));

        // Its connector's word is the finer one: an EVSE-level Occupied or Reserved neither outranks nor hides it.
        book.Apply(new ConnectorStatusReport(2, 1, ConnectorState.Available, T0.AddSeconds(1)));
        Assert.Equal(EvseStatus.Available, book.Combine(Registration, OcppProtocol.Ocpp201, Solo)!.Status);
        Assert.False(book.Apply(new ConnectorStatusReport(2, 0, ConnectorState.Faulted, T0.AddSeconds(-1)))); // stale
        Assert.Equal(EvseStatus.Available, book.Combine(Registration, OcppProtocol.Ocpp201, Solo)!.Status);
    }

    [Fact]
    public void The_book_writes_into_the_dictionary_it_was_given_so_grain_state_holds_it()
    {
        var records = new Dictionary<string, ConnectorRecord>();
        new ConnectorBook(records).Apply(new ConnectorStatusReport(0, 2, ConnectorState.Reserved, T0, "NoError"));

        var record = Assert.Single(records.Values);
        Assert.Equal((0, 2, ConnectorState.Reserved, "NoError"), (record.EvseId, record.ConnectorId, record.State, record.ErrorCode));
        Assert.Equal([Twin, Solo], ConnectorBook.AllTargets(Registration));
    }

    [Fact]
    public void A_station_back_from_offline_is_asked_whole_in_16_and_per_connector_or_evse_in_201()
    {
        var book = new ConnectorBook([]);
        book.Apply(new ConnectorStatusReport(1, 2, ConnectorState.Available, T0));
        book.Apply(new ConnectorStatusReport(1, 1, ConnectorState.Occupied, T0));
        book.Apply(new ConnectorStatusReport(7, 1, ConnectorState.Occupied, T0)); // an EVSE the registration does not map

        Assert.Equal([(null, null)], Pairs(book.StatusTriggers(Registration, OcppProtocol.Ocpp16, Nothing)));
        Assert.Equal([(1, 1), (1, 2), (2, null)], Pairs(book.StatusTriggers(Registration, OcppProtocol.Ocpp201, Nothing)));
    }

    [Fact]
    public void A_station_is_asked_only_for_the_connectors_it_did_not_report_since_it_came_back()
    {
        var book = new ConnectorBook([]);
        book.Apply(new ConnectorStatusReport(1, 1, ConnectorState.Occupied, T0));
        book.Apply(new ConnectorStatusReport(1, 2, ConnectorState.Available, T0));

        // 1.6: connector 2 alone; all three reported, nothing.
        Assert.Equal([(null, 2)], Pairs(book.StatusTriggers(Registration, OcppProtocol.Ocpp16, new HashSet<(int, int)> { (0, 1), (0, 3) })));
        Assert.Empty(book.StatusTriggers(Registration, OcppProtocol.Ocpp16, new HashSet<(int, int)> { (0, 1), (0, 2), (0, 3) }));

        // 2.0.1: EVSE 1's connector 2 and EVSE 2, which never reported a connector.
        Assert.Equal([(1, 2), (2, null)], Pairs(book.StatusTriggers(Registration, OcppProtocol.Ocpp201, new HashSet<(int, int)> { (1, 1) })));
    }

    [Fact]
    public void A_16_station_whose_own_level_is_down_is_asked_whole_even_when_its_connectors_reported()
    {
        // Only the station's own report lifts its Unavailable, and 1.6 triggers connector 0 with all the rest.
        var book = new ConnectorBook([]);
        book.Apply(new ConnectorStatusReport(0, 0, ConnectorState.Unavailable, T0));
        HashSet<(int, int)> connectors = [(0, 1), (0, 2), (0, 3)];

        Assert.Equal([(null, null)], Pairs(book.StatusTriggers(Registration, OcppProtocol.Ocpp16, connectors)));
        Assert.Empty(book.StatusTriggers(Registration, OcppProtocol.Ocpp16, new HashSet<(int, int)>([.. connectors, (0, 0)])));
    }

    private static readonly HashSet<(int, int)> Nothing = [];

    private static (int? EvseId, int? ConnectorId)[] Pairs(IEnumerable<StatusTrigger> triggers) =>
        [.. triggers.Select(t => (t.EvseId, t.ConnectorId))];
}
