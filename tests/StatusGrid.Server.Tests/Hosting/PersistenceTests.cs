using System.Net;

namespace StatusGrid.Server.Tests.Hosting;

/// <summary>Stopped and started again on the same SQLite file, StatusGrid still has its locations, statuses and partners.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task Restart_keeps_locations_statuses_and_partners()
    {
        await using var host = await StatusGridHost.StartAsync();
        using (var admin = host.Client())
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners",
                HttpExtensions.PartnerJson("http://127.0.0.1:9/ocpi/emsp/2.2.1/locations", id: "KEEP-ME"))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/P-1", TestLocations.Json("P-1"))).StatusCode);
            var ingest = await admin.SendJsonAsync(HttpMethod.Post, "/api/status",
                """[{"evse_id":"NL*SGR*EP11","status":"OUTOFORDER","observed_at":"2026-02-01T10:00:00Z"}]""");
            Assert.Equal(1, (await ingest.JsonAsync()).GetProperty("applied").GetInt32());
        }

        await host.StopAsync();
        await host.StartAsync();

        using var again = host.Client();
        var location = await (await again.GetAsync("/api/admin/locations/P-1")).JsonAsync();
        var evse = location.GetProperty("evses").EnumerateArray().Single(e => e.GetProperty("uid").GetString() == "P-1-E1");
        Assert.Equal("OUTOFORDER", evse.GetProperty("status").GetString());
        Assert.Equal("2026-02-01T10:00:00Z", evse.GetProperty("last_updated").GetString());
        Assert.Equal("2026-02-01T10:00:00Z", location.GetProperty("last_updated").GetString());

        var partner = await again.GetAsync("/api/admin/partners/KEEP-ME");
        Assert.Equal(HttpStatusCode.OK, partner.StatusCode);
        Assert.Equal("DE", (await partner.JsonAsync()).GetProperty("country_code").GetString());

        // The status survived too: the same report again is a duplicate, an older one is stale, evse_id still resolves.
        var repeat = await (await again.SendJsonAsync(HttpMethod.Post, "/api/status", """
            [{"evse_id":"NL*SGR*EP11","status":"OUTOFORDER","observed_at":"2026-02-01T10:05:00Z"},
             {"location_id":"P-1","evse_uid":"P-1-E1","status":"AVAILABLE","observed_at":"2026-02-01T09:00:00Z"}]
            """)).JsonAsync();
        Assert.Equal(1, repeat.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, repeat.GetProperty("stale").GetInt32());
        Assert.Equal(0, repeat.GetProperty("applied").GetInt32());
    }

    [Fact]
    public async Task After_a_restart_imported_evses_are_found_by_evse_id_with_the_first_report()
    {
        // Seen once in a cold-start measurement (not reproduced since): a report by evse_id for an imported EVSE,
        // right after start and a Location put, was answered "Unknown EVSE".
        await using var host = await StatusGridHost.StartAsync();
        using (var admin = host.Client())
        {
            var imported = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/locations/import",
                $"[{TestLocations.Json("IMP-1")},{TestLocations.Json("IMP-2")}]");
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        }

        await host.StopAsync();
        await host.StartAsync();

        using var again = host.Client();
        Assert.Equal(HttpStatusCode.Created, (await again.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/NEW-1", TestLocations.Json("NEW-1"))).StatusCode);
        var ingest = await (await again.SendJsonAsync(HttpMethod.Post, "/api/status", """
            [{"evse_id":"NL*SGR*EIMP11","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"},
             {"evse_id":"NL*SGR*EIMP22","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"},
             {"evse_id":"NL*SGR*ENEW11","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"}]
            """)).JsonAsync();
        Assert.Equal(3, ingest.GetProperty("applied").GetInt32());
    }
}
