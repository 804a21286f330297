using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Tests.Support;

namespace StatusGrid.Ocpi.Tests.Locations;

/// <summary>
/// How a Location hidden by <c>publish: false</c> is PUT to a partner that held it while it was published
/// (<see cref="LocationShapes.AsPushed"/>): 2.2 and later as is, 2.1.1 (no publish field) with every EVSE REMOVED.
/// </summary>
public sealed class LocationWithdrawalTests
{
    private static readonly DateTimeOffset Later = Samples.Updated.AddMinutes(5);

    private static Location Hidden() => Samples.Location(
        Samples.Evse("E1") with { Status = EvseStatus.Charging, LastUpdated = Later },
        Samples.Evse("E2") with { StatusSchedule = [new StatusSchedule { PeriodBegin = Later, Status = EvseStatus.Available }] })
        with
        {
            Publish = false,
            PublishAllowedTo = [new PublishTokenType { Uid = "0102030405", Type = "RFID" }],
            LastUpdated = Later.AddMinutes(1),
        };

    [Fact]
    public void A_hidden_location_goes_to_a_211_partner_with_every_evse_removed_at_its_own_last_updated()
    {
        var hidden = Hidden();

        var pushed = LocationShapes.AsPushed(hidden, OcpiVersion.V211);

        Assert.All(pushed.Evses!, e => Assert.Equal(EvseStatus.Removed, e.Status));
        Assert.All(pushed.Evses!, e => Assert.Null(e.StatusSchedule));
        Assert.Equal(hidden.Evses!.Select(e => (e.Uid, e.LastUpdated)), pushed.Evses!.Select(e => (e.Uid, e.LastUpdated)));
        Assert.Equal(hidden.LastUpdated, pushed.LastUpdated);
        Assert.Equal(hidden.Evses!.Select(e => e.Connectors), pushed.Evses!.Select(e => e.Connectors));
    }

    [Fact]
    public void The_211_withdrawal_body_has_no_publish_fields_and_every_evse_removed()
    {
        var node = LocationShapes.ToJson(LocationShapes.AsPushed(Hidden(), OcpiVersion.V211), OcpiVersion.V211).AsObject();

        Assert.False(node.ContainsKey("publish"));
        Assert.False(node.ContainsKey("publish_allowed_to"));
        Assert.All(node["evses"]!.AsArray(), e => Assert.Equal("REMOVED", e!["status"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(OcpiVersion.V221)]
    [InlineData(OcpiVersion.V230)]
    public void A_hidden_location_goes_to_a_22_or_later_partner_as_it_is_with_publish_false_and_its_allowed_tokens(OcpiVersion version)
    {
        var hidden = Hidden();

        var pushed = LocationShapes.AsPushed(hidden, version);

        Assert.Same(hidden, pushed);
        var node = LocationShapes.ToJson(pushed, version).AsObject();
        Assert.False(node["publish"]!.GetValue<bool>());
        Assert.Equal("0102030405", node["publish_allowed_to"]![0]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public void A_published_location_goes_to_a_211_partner_with_its_live_statuses()
    {
        var published = Hidden() with { Publish = true, PublishAllowedTo = null };

        Assert.Same(published, LocationShapes.AsPushed(published, OcpiVersion.V211));
    }

    [Theory]
    [InlineData(OcpiVersion.V221)]
    [InlineData(OcpiVersion.V230)]
    public void A_published_location_a_partners_filter_no_longer_allows_is_withdrawn_with_publish_false_and_no_allowed_tokens(OcpiVersion version)
    {
        var published = Hidden() with { Publish = true, PublishAllowedTo = null };

        var node = LocationShapes.ToJson(LocationShapes.AsWithdrawal(published, version), version).AsObject();

        Assert.False(node["publish"]!.GetValue<bool>());
        Assert.False(node.ContainsKey("publish_allowed_to"));
    }

    [Fact]
    public void A_published_location_a_211_partners_filter_no_longer_allows_is_withdrawn_with_every_evse_removed()
    {
        var published = Hidden() with { Publish = true, PublishAllowedTo = null };

        var withdrawn = LocationShapes.AsWithdrawal(published, OcpiVersion.V211);

        Assert.All(withdrawn.Evses!, e => Assert.Equal(EvseStatus.Removed, e.Status));
        Assert.Equal(published.Evses!.Select(e => (e.Uid, e.LastUpdated)), withdrawn.Evses!.Select(e => (e.Uid, e.LastUpdated)));
    }

    [Theory]
    [InlineData(OcpiVersion.V211)]
    [InlineData(OcpiVersion.V221)]
    public void An_evse_with_only_mcs_connectors_goes_to_an_older_partner_removed_with_a_connector_type_it_knows(OcpiVersion version)
    {
        var mcs = Samples.Evse("E2") with { Status = EvseStatus.Charging, LastUpdated = Later };
        mcs = mcs with { Connectors = [mcs.Connectors[0] with { Standard = ConnectorTypes.Mcs, PowerType = PowerType.Dc }] };
        var location = Samples.Location(Samples.Evse("E1") with { Status = EvseStatus.Charging }, mcs);

        var node = LocationShapes.ToJson(LocationShapes.AsPushed(location, version), version).AsObject();

        var evses = node["evses"]!.AsArray();
        Assert.Equal(["CHARGING", "REMOVED"], evses.Select(e => e!["status"]!.GetValue<string>()));
        Assert.Equal(ConnectorTypes.Iec62196T2Combo, evses[1]!["connectors"]![0]!["standard"]!.GetValue<string>());
        Assert.Same(location, LocationShapes.AsPushed(location, OcpiVersion.V230));
    }
}
