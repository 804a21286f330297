using System.Net;
using System.Text;
using System.Text.Json;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests;

public sealed class PartnerPushTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private GrainTestCluster Cluster => fixture.Cluster;

    /// <summary>A partner that only sees <paramref name="locationId"/>, reached at http://{host}/ocpi/emsp/2.2.1/locations.</summary>
    private async Task<string> AddPartnerAsync(string host, string locationId, string version = "2.2.1")
    {
        var config = new PartnerConfig
        {
            Id = host.ToUpperInvariant(),
            OcpiVersion = OcpiVersions.Parse(version),
            LocationsUrl = $"http://{host}/ocpi/emsp/{version}/locations",
            Token = "token-" + host,
            CountryCode = "DE",
            PartyId = "EMS",
            Filter = new PartnerFilter { LocationIds = [locationId] },
        };
        await Cluster.Client.GetGrain<IPartnerGrain>(config.Id).Configure(config);
        return config.Id;
    }

    private List<RecordedRequest> RequestsTo(string host) => Cluster.Partners.Requests.Where(r => r.Url.Host == host).ToList();

    private Task<StatusReportOutcome> ReportAsync(string locationId, int evse, EvseStatus status, DateTimeOffset at) =>
        Cluster.Client.GetGrain<IEvseGrain>(EvseKey.Evse(locationId, $"{locationId}-E{evse}")).ReportStatus(new StatusReport(status, at));

    [Fact]
    public async Task Status_change_is_patched_with_ocpi_headers_and_body()
    {
        await AddPartnerAsync("patch.test", "PP-1");
        await Cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location("PP-1")).Put(SampleLocations.Create("PP-1"));
        await Eventually.True(() => RequestsTo("patch.test").Any(r => r.Method == HttpMethod.Put), "the location PUT");

        await ReportAsync("PP-1", 2, EvseStatus.Charging, T0.AddMilliseconds(123));

        var patch = await Eventually.Get(() => RequestsTo("patch.test").FirstOrDefault(r => r.Method == HttpMethod.Patch), "the PATCH");
        Assert.Equal("http://patch.test/ocpi/emsp/2.2.1/locations/NL/SGR/PP-1/PP-1-E2", patch.Url.ToString());
        Assert.Equal("""{"status":"CHARGING","last_updated":"2026-03-01T12:00:00.123Z"}""", patch.Body);
        Assert.Equal("Token " + Convert.ToBase64String(Encoding.UTF8.GetBytes("token-patch.test")), patch.Headers["Authorization"]);
        Assert.Equal("NL", patch.Headers["OCPI-from-country-code"]);
        Assert.Equal("SGR", patch.Headers["OCPI-from-party-id"]);
        Assert.Equal("DE", patch.Headers["OCPI-to-country-code"]);
        Assert.Equal("EMS", patch.Headers["OCPI-to-party-id"]);
        Assert.True(Guid.TryParse(patch.Headers["X-Request-ID"], out _));
        Assert.True(Guid.TryParse(patch.Headers["X-Correlation-ID"], out _));
        Assert.StartsWith("application/json", patch.Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_location_is_put_with_live_statuses()
    {
        await AddPartnerAsync("put.test", "PUT-1");
        await Cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location("PUT-1")).Put(SampleLocations.Create("PUT-1", evses: 3));

        var put = await Eventually.Get(() => RequestsTo("put.test").FirstOrDefault(r => r.Method == HttpMethod.Put), "the PUT");
        Assert.Equal("http://put.test/ocpi/emsp/2.2.1/locations/NL/SGR/PUT-1", put.Url.ToString());
        using var body = JsonDocument.Parse(put.Body);
        Assert.Equal("PUT-1", body.RootElement.GetProperty("id").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("evses").GetArrayLength());
        Assert.Equal("2026-01-01T08:00:00Z", body.RootElement.GetProperty("last_updated").GetString());
    }

    [Fact]
    public async Task Flapping_evse_is_coalesced_and_never_sent_out_of_order()
    {
        Cluster.Partners.Respond = async r =>
        {
            if (r.Url.Host == "slow.test")
            {
                await Task.Delay(150);
            }

            return StubPartnerHandler.Ok();
        };
        await AddPartnerAsync("slow.test", "FLAP-1");
        await Cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location("FLAP-1")).Put(SampleLocations.Create("FLAP-1", evses: 1));
        await Eventually.True(() => RequestsTo("slow.test").Any(r => r.Method == HttpMethod.Put), "the location PUT");

        // One change delivered first: the fan-out routes the location's changes to this partner from then on. Changes
        // made before a silo's fan-out learned of the subscription reach the partner through reconcile instead, as the
        // latest state alone, and the backlog would have nothing to coalesce (seen on a busy machine).
        await ReportAsync("FLAP-1", 1, EvseStatus.Charging, T0);
        await Eventually.True(() => RequestsTo("slow.test").Any(r => r.Method == HttpMethod.Patch), "the first PATCH");

        var statuses = new[] { EvseStatus.Charging, EvseStatus.Available };
        for (var i = 1; i <= 40; i++)
        {
            await ReportAsync("FLAP-1", 1, statuses[i % 2], T0.AddSeconds(i));
        }

        // The last report (i = 40) is CHARGING at T0+40s; the partner must end there.
        await Eventually.True(() => RequestsTo("slow.test").LastOrDefault(r => r.Method == HttpMethod.Patch)?.Body.Contains("2026-03-01T12:00:40Z", StringComparison.Ordinal) == true,
            "the final state at the partner");
        var patches = RequestsTo("slow.test").Where(r => r.Method == HttpMethod.Patch).Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("last_updated").GetString()!).ToList();
        Assert.True(patches.Count < 40 / 2, $"expected coalescing, got {patches.Count} PATCHes for 40 changes");
        Assert.Equal(patches.Order(StringComparer.Ordinal), patches); // never an older state after a newer one
        Assert.Contains("CHARGING", RequestsTo("slow.test").Last(r => r.Method == HttpMethod.Patch).Body, StringComparison.Ordinal);
        var health = await Cluster.Client.GetGrain<IPartnerGrain>("SLOW.TEST").GetHealth();
        Assert.True(health.Coalesced > 0, $"{patches.Count} PATCHes: {string.Join(", ", patches)}; health: {System.Text.Json.JsonSerializer.Serialize(health)}");
    }

    [Fact]
    public async Task Transient_failures_are_retried_until_delivered()
    {
        var failures = 0;
        Cluster.Partners.Respond = r => Task.FromResult(r.Url.Host == "flaky.test" && r.Method == HttpMethod.Patch && Interlocked.Increment(ref failures) <= 3
            ? StubPartnerHandler.Json(HttpStatusCode.ServiceUnavailable, "down")
            : StubPartnerHandler.Ok());
        await AddPartnerAsync("flaky.test", "FLAKY-1");
        await Cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location("FLAKY-1")).Put(SampleLocations.Create("FLAKY-1", evses: 1));
        await Eventually.True(() => RequestsTo("flaky.test").Any(r => r.Method == HttpMethod.Put), "the location PUT");

        await ReportAsync("FLAKY-1", 1, EvseStatus.OutOfOrder, T0);

        await Eventually.True(() => RequestsTo("flaky.test").Count(r => r.Method == HttpMethod.Patch) == 4, "three failures and one success");
        var health = await Cluster.Client.GetGrain<IPartnerGrain>("FLAKY.TEST").GetHealth();
        Assert.Equal(3, health.FailuresByKind["http_503"]);
        Assert.Equal(0, health.QueueDepth);
        Assert.Equal("Closed", health.CircuitState);
    }

    [Fact]
    public async Task Unknown_object_answer_turns_into_a_put_of_the_location()
    {
        var puts = 0;
        Cluster.Partners.Respond = r => Task.FromResult(r.Url.Host == "forgetful.test" && r.Method == HttpMethod.Patch && Volatile.Read(ref puts) < 2
            ? StubPartnerHandler.Json(HttpStatusCode.NotFound, """{"status_code":2003,"status_message":"Unknown location","timestamp":"2026-01-01T00:00:00Z"}""")
            : StubPartnerHandler.Ok());
        await AddPartnerAsync("forgetful.test", "FORGET-1");
        await Cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location("FORGET-1")).Put(SampleLocations.Create("FORGET-1", evses: 1));
        await Eventually.True(() => RequestsTo("forgetful.test").Any(r => r.Method == HttpMethod.Put), "the first PUT");
        Interlocked.Increment(ref puts);

        await ReportAsync("FORGET-1", 1, EvseStatus.Charging, T0);

        await Eventually.True(() => RequestsTo("forgetful.test").Count(r => r.Method == HttpMethod.Put) == 2, "a PUT after the 404");
        var secondPut = RequestsTo("forgetful.test").Last(r => r.Method == HttpMethod.Put);
        Assert.Contains("\"CHARGING\"", secondPut.Body, StringComparison.Ordinal);
    }
}
