using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Server.Tests.Ocpp;
using StatusGrid.TestSupport;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>
/// Two silos on PostgreSQL (the survivor in this process, the victim a child process killed with SIGKILL) and real
/// OCPP clients (npm ocpp-rpc). A WebSocket stays on the silo that accepted it; its statuses reach the partner and
/// dashboards on the other silo; after the kill, the victim's stations reconnect to the survivor without a new
/// BootNotification and keep reporting, and a station whose socket was on the survivor but whose grain was on the
/// victim keeps its socket.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class OcppClusterTests(PostgresFixture postgres)
{
    private const string Location = "OC-1";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Charge_points_of_a_killed_silo_reconnect_to_the_survivor_and_keep_reporting_to_partners_and_dashboards()
    {
        await OcppNodeClient.EnsureInstalledAsync();
        var database = await postgres.CreateDatabaseAsync("ocppcluster");
        await using var emsp = await MockEmsp.StartAsync();
        await using var survivor = await StatusGridHost.StartAsync(Settings(database, "survivor"));
        await using var victim = await ServerProcess.StartAsync(Settings(database, "victim"));
        var grains = survivor.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var survivorAddress = survivor.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        await Until.TrueAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2, "two active silos", Bound, () => victim.RecentOutput);
        var victimAddress = (await management.GetHosts(onlyActive: true)).Keys.Single(s => !s.Equals(survivorAddress));

        using var admin = survivor.Client();
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson(emsp.LocationsUrl()))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/{Location}", TestLocations.Json(Location, 3))).StatusCode);
        await emsp.WaitForAsync(r => r.Method == "PUT" && r.Path.EndsWith("/" + Location, StringComparison.Ordinal), "the Location PUT", Bound);

        await RegisterAsync(admin, "OC-V16", """{"connectors":[{"connector_id":1,"location_id":"OC-1","evse_uid":"OC-1-E1"}]}""");
        await RegisterAsync(admin, "OC-V201", """{"evses":[{"evse_id":1,"location_id":"OC-1","evse_uid":"OC-1-E2"}]}""");
        // A station that will connect to the survivor, whose grain Orleans placed on the victim (placement is random:
        // register identities until one lands there).
        string? stayer = null;
        for (var n = 0; n < 30 && stayer is null; n++)
        {
            await RegisterAsync(admin, $"OC-S{n}", """{"evses":[{"evse_id":1,"location_id":"OC-1","evse_uid":"OC-1-E3"}]}""");
            var grain = grains.GetGrain<IChargePointGrain>(ChargePointKey.For($"OC-S{n}"));
            stayer = victimAddress.Equals(await management.GetActivationAddress(grain)) ? $"OC-S{n}" : null;
        }

        Assert.NotNull(stayer);
        await using var onSurvivor = await DashboardClient.ConnectAsync(survivor.BaseAddress);
        await using var onVictim = await DashboardClient.ConnectAsync(victim.BaseAddress);
        await using var cp16 = OcppNodeClient.Start();
        await using var cp201 = OcppNodeClient.Start();
        await using var cpStayer = OcppNodeClient.Start();
        var before = DateTimeOffset.UtcNow.AddMinutes(-2);
        before = before.AddTicks(-(before.Ticks % TimeSpan.TicksPerMillisecond));

        // Before the kill: sockets on both silos; each silo's statuses reach the other silo's dashboard and the partner.
        await ConnectAndBootAsync(cp16, victim.BaseAddress, "OC-V16", "ocpp1.6", """{"chargePointVendor":"V","chargePointModel":"M"}""");
        await ConnectAndBootAsync(cp201, victim.BaseAddress, "OC-V201", "ocpp2.0.1", """{"reason":"PowerUp","chargingStation":{"vendorName":"V","model":"M"}}""");
        await ConnectAndBootAsync(cpStayer, survivor.BaseAddress, stayer, "ocpp2.0.1", """{"reason":"PowerUp","chargingStation":{"vendorName":"V","model":"M"}}""");
        await CallOkAsync(cp16, "StatusNotification", Status16("Charging", before));
        await CallOkAsync(cp201, "StatusNotification", Status201("Reserved", before));
        await CallOkAsync(cpStayer, "StatusNotification", Status201("Faulted", before));
        await WaitForPatchAsync(emsp, "OC-1-E1", "CHARGING");
        await WaitForPatchAsync(emsp, "OC-1-E2", "RESERVED");
        await WaitForPatchAsync(emsp, "OC-1-E3", "OUTOFORDER");
        await WaitForItemAsync(onSurvivor, "OC-1-E1", "CHARGING");
        await WaitForItemAsync(onSurvivor, "OC-1-E2", "RESERVED");
        await WaitForItemAsync(onVictim, "OC-1-E3", "OUTOFORDER");

        await victim.KillAsync();
        Assert.True((await cp16.WaitCloseAsync()).GetProperty("ok").GetBoolean());
        Assert.True((await cp201.WaitCloseAsync()).GetProperty("ok").GetBoolean());
        await Until.TrueAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 1, "the victim declared dead", Bound);

        // The victim's stations reconnect (through the load balancer, here straight) to the survivor and report at
        // once: OCPP sends no new BootNotification on a reconnect, and the grains re-activate from PostgreSQL.
        var after = before.AddMinutes(1);
        await ReconnectAndReportAsync(cp16, survivor.BaseAddress, "OC-V16", "ocpp1.6", Status16("Available", after));
        await ReconnectAndReportAsync(cp201, survivor.BaseAddress, "OC-V201", "ocpp2.0.1", Status201("Available", after));
        // The survivor's own socket lives on, though the grain it talked to died with the victim.
        await CallOkAsync(cpStayer, "StatusNotification", Status201("Available", after));
        var stillOpen = await cpStayer.CallAsync("Heartbeat", "{}");
        Assert.True(stillOpen.GetProperty("ok").GetBoolean(), $"the survivor's socket was closed: {stillOpen}");

        foreach (var evse in new[] { "OC-1-E1", "OC-1-E2", "OC-1-E3" })
        {
            await WaitForPatchAsync(emsp, evse, "AVAILABLE");
            var item = await WaitForItemAsync(onSurvivor, evse, "AVAILABLE", Time(after));
            Assert.Equal(Time(after), item.GetProperty("last_updated").GetString());
        }
    }

    private static Dictionary<string, string> Settings(string database, string silo)
    {
        var settings = ClusterConfig.For(database, "ocpp", silo);
        settings["StatusGrid:Ocpp:AllowUnencrypted"] = "true";
        return settings;
    }

    private static async Task RegisterAsync(HttpClient admin, string identity, string mapping)
    {
        var body = mapping.Insert(1, $"\"password\":\"{OcppFixture.Password}\",");
        var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/charge-points/{identity}", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task ConnectAndBootAsync(OcppNodeClient cp, Uri silo, string identity, string protocol, string boot)
    {
        var connected = await cp.ConnectAsync(silo, identity, OcppFixture.Password, protocol);
        Assert.True(connected.GetProperty("ok").GetBoolean(), connected.ToString());
        await CallOkAsync(cp, "BootNotification", boot);
    }

    /// <summary>As a station with back-off does: connect and send, again a second later while the answer is not a CALLRESULT.</summary>
    private static async Task ReconnectAndReportAsync(OcppNodeClient cp, Uri silo, string identity, string protocol, string status)
    {
        JsonElement answer = default;
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var connected = await cp.ConnectAsync(silo, identity, OcppFixture.Password, protocol);
            answer = connected.GetProperty("ok").GetBoolean() ? await cp.CallAsync("StatusNotification", status) : connected;
            if (answer.GetProperty("ok").GetBoolean())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Assert.Fail($"{identity} could not report through the survivor: {answer}");
    }

    private static async Task CallOkAsync(OcppNodeClient cp, string action, string payload)
    {
        var answer = await cp.CallAsync(action, payload);
        Assert.True(answer.GetProperty("ok").GetBoolean(), $"{action}: {answer}");
    }

    private static string Status16(string status, DateTimeOffset at) =>
        $$"""{"connectorId":1,"errorCode":"NoError","status":"{{status}}","timestamp":"{{Time(at)}}"}""";

    private static string Status201(string status, DateTimeOffset at) =>
        $$"""{"timestamp":"{{Time(at)}}","connectorStatus":"{{status}}","evseId":1,"connectorId":1}""";

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static Task<ReceivedPush> WaitForPatchAsync(MockEmsp emsp, string evse, string status) =>
        emsp.WaitForAsync(r => r.Method == "PATCH" && r.Path.EndsWith($"/{Location}/{evse}", StringComparison.Ordinal) && r.Body.Contains($"\"status\":\"{status}\"", StringComparison.Ordinal),
            $"PATCH {status} of {evse}", Bound);

    private static Task<JsonElement> WaitForItemAsync(DashboardClient dashboard, string evse, string status, string? lastUpdated = null) =>
        dashboard.WaitForAsync(i => i.GetProperty("evse_uid").GetString() == evse && i.GetProperty("status").GetString() == status
            && (lastUpdated is null || i.GetProperty("last_updated").GetString() == lastUpdated), Bound);
}
