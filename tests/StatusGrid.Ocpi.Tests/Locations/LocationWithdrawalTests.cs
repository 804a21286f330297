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
}
