using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Core.Internal;
using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>
/// A charge point's connector statuses outlive its grain's activation (they are in the connector store, group-committed
/// with every other station's, not in the grain state): a twin-connector EVSE combines the new report with the other
/// connector's last one after a re-activation, as after a silo failover.
/// </summary>
[Collection(OcppCollection.Name)]
public sealed class OcppConnectorBookTests(OcppFixture fixture)
{
    private const string Boot201 = """{"reason":"PowerUp","chargingStation":{"vendorName":"StatusGrid","model":"Test-201"}}""";

    [Fact]
    public async Task A_twin_connector_evse_stays_charging_when_its_other_connector_reports_after_the_grain_was_reactivated()
    {
        await fixture.RegisterAsync("CP201-T", "OCPP-T", evses: """[{"evse_id":1,"location_id":"OCPP-T","evse_uid":"OCPP-T-E1"}]""", evseCount: 1);
        await using var cp = OcppNodeClient.Start();
        Assert.True((await cp.ConnectAsync(fixture.Host.BaseAddress, "CP201-T", OcppFixture.Password, "ocpp2.0.1")).GetProperty("ok").GetBoolean());
        Assert.True((await cp.CallAsync("BootNotification", Boot201)).GetProperty("ok").GetBoolean());
        var occupied = await cp.CallAsync("StatusNotification", """{"timestamp":"2026-03-02T12:00:00Z","connectorStatus":"Occupied","evseId":1,"connectorId":1}""");
        Assert.True(occupied.GetProperty("ok").GetBoolean(), occupied.ToString());
        await fixture.WaitForPatchAsync("OCPP-T", "OCPP-T-E1", "CHARGING");

        var grains = fixture.Host.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IChargePointGrain>(ChargePointKey.For("CP201-T")).Cast<IGrainManagementExtension>().DeactivateOnIdle();

        var available = await cp.CallAsync("StatusNotification", """{"timestamp":"2026-03-02T12:00:05Z","connectorStatus":"Available","evseId":1,"connectorId":2}""");
        Assert.True(available.GetProperty("ok").GetBoolean(), available.ToString());
        var evse = await grains.GetGrain<IEvseGrain>(EvseKey.Evse("OCPP-T", "OCPP-T-E1")).GetSnapshot();
        Assert.Equal(EvseStatus.Charging, evse!.Status); // connector 1 is still occupied

        using var admin = fixture.Host.Client();
        var view = await (await admin.GetAsync("/api/admin/charge-points/CP201-T")).JsonAsync();
        Assert.Equal(["Occupied", "Available"], view.GetProperty("connector_statuses").EnumerateArray().Select(c => c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_16_station_that_reports_only_connector_0_takes_its_evses_from_inoperative_back_to_available()
    {
        await fixture.RegisterAsync("CP16-Z", "OCPP-Z", connectors: """[{"connector_id":1,"location_id":"OCPP-Z","evse_uid":"OCPP-Z-E1"}]""", evseCount: 1);
        await using var cp = OcppNodeClient.Start();
        Assert.True((await cp.ConnectAsync(fixture.Host.BaseAddress, "CP16-Z", OcppFixture.Password, "ocpp1.6")).GetProperty("ok").GetBoolean());
        Assert.True((await cp.CallAsync("BootNotification", """{"chargePointVendor":"StatusGrid","chargePointModel":"Test-16"}""")).GetProperty("ok").GetBoolean());

        var unavailable = await cp.CallAsync("StatusNotification", """{"connectorId":0,"errorCode":"NoError","status":"Unavailable","timestamp":"2026-03-02T13:00:00Z"}""");
        Assert.True(unavailable.GetProperty("ok").GetBoolean(), unavailable.ToString());
        await fixture.WaitForPatchAsync("OCPP-Z", "OCPP-Z-E1", "INOPERATIVE");

        var available = await cp.CallAsync("StatusNotification", """{"connectorId":0,"errorCode":"NoError","status":"Available","timestamp":"2026-03-02T13:05:00Z"}""");
        Assert.True(available.GetProperty("ok").GetBoolean(), available.ToString());
        var evse = await fixture.Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IEvseGrain>(EvseKey.Evse("OCPP-Z", "OCPP-Z-E1")).GetSnapshot();
        Assert.Equal(EvseStatus.Available, evse!.Status); // the CALLRESULT came after the EVSE's change was durable
        await fixture.WaitForPatchAsync("OCPP-Z", "OCPP-Z-E1", "AVAILABLE");
    }
}
