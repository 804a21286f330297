using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using StatusGrid.Grains.Fanout;
using StatusGrid.TestSupport;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>
/// Three real StatusGrid hosts (Kestrel, co-hosted silo) in this process, talking over loopback sockets, join one
/// cluster through ADO.NET clustering on PostgreSQL. A change ingested on one silo reaches a partner and browsers
/// connected to the other silos.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class ClusterFanoutTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Change_ingested_on_silo_1_reaches_the_partner_and_signalr_clients_of_silos_2_and_3()
    {
        var database = await postgres.CreateDatabaseAsync("fanout");
        await using var emsp = await MockEmsp.StartAsync();
        await using var silo1 = await StatusGridHost.StartAsync(ClusterConfig.For(database, "fanout", "silo1"));
        await using var silo2 = await StatusGridHost.StartAsync(ClusterConfig.For(database, "fanout", "silo2"));
        await using var silo3 = await StatusGridHost.StartAsync(ClusterConfig.For(database, "fanout", "silo3"));
        StatusGridHost[] silos = [silo1, silo2, silo3];

        // One cluster, formed through the membership table in PostgreSQL.
        var management = silo1.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await Until.TrueAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 3, "three active silos", Bound);
        var rows = await MembershipTable.ReadAsync(database, "fanout");
        Assert.Equal(new Dictionary<string, int> { ["silo1"] = MembershipTable.Active, ["silo2"] = MembershipTable.Active, ["silo3"] = MembershipTable.Active }, rows);

        // Every silo sends dashboard batches to all three silos' observers before anything is ingested.
        await Until.TrueAsync(() => silos.All(s => s.Services.GetRequiredService<StatusFanout>().ObserverCount == 3), "every silo to know three dashboard observers", Bound,
            () => string.Join(", ", silos.Select(s => s.Services.GetRequiredService<StatusFanout>().ObserverCount)));

        using (var admin2 = silo2.Client())
        {
            Assert.Equal(HttpStatusCode.Created, (await admin2.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson(emsp.LocationsUrl()))).StatusCode);
        }

        using (var admin3 = silo3.Client())
        {
            Assert.Equal(HttpStatusCode.Created, (await admin3.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/CL-1", TestLocations.Json("CL-1"))).StatusCode);
        }

        await emsp.WaitForAsync(r => r.Method == "PUT" && r.Path == "NL/SGR/CL-1", "the Location PUT", Bound);

        await using var browser2 = await DashboardClient.ConnectAsync(silo2.BaseAddress);
        await using var browser3 = await DashboardClient.ConnectAsync(silo3.BaseAddress);

        using var ingest = silo1.Client(StatusGridHost.IngestKey);
        var response = await ingest.SendJsonAsync(HttpMethod.Post, "/api/status",
            """[{"location_id":"CL-1","evse_uid":"CL-1-E1","status":"CHARGING","observed_at":"2026-02-01T10:00:00.500Z"}]""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.JsonAsync()).GetProperty("applied").GetInt32());

        var patch = await emsp.WaitForAsync(r => r.Method == "PATCH", "the EVSE PATCH", Bound);
        Assert.Equal("NL/SGR/CL-1/CL-1-E1", patch.Path);
        Assert.Equal("""{"status":"CHARGING","last_updated":"2026-02-01T10:00:00.500Z"}""", patch.Body);

        foreach (var browser in new[] { browser2, browser3 })
        {
            // The location's own AVAILABLE may reach a client that connected while the PUT was still fanning out
            // (each silo's map learns the location asynchronously): what matters is that CHARGING arrives.
            var item = await browser.WaitForAsync(i => i.GetProperty("evse_uid").GetString() == "CL-1-E1" && i.GetProperty("status").GetString() == "CHARGING", Bound);
            Assert.Equal("2026-02-01T10:00:00.500Z", item.GetProperty("last_updated").GetString());
        }

        // The same location, read through any silo, shows the change: one cluster, one state.
        foreach (var silo in silos)
        {
            using var admin = silo.Client();
            var location = await (await admin.GetAsync("/api/admin/locations/CL-1")).JsonAsync();
            var evse = location.GetProperty("evses").EnumerateArray().Single(e => e.GetProperty("uid").GetString() == "CL-1-E1");
            Assert.Equal("CHARGING", evse.GetProperty("status").GetString());
        }
    }
}
