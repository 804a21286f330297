using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StatusGrid.MockEmsp;

namespace StatusGrid.Load.Tests;

public sealed class MockEmspFleetTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Patches_are_recorded_per_partner_with_arrival_time_and_latency()
    {
        await using var fleet = await EmspFleet.StartAsync(new FleetOptions { Partners = 2 });
        var arrivals = new List<Arrival>();
        fleet.Recorder.Listener = a =>
        {
            lock (arrivals)
            {
                arrivals.Add(a);
            }
        };
        var lastUpdated = DateTimeOffset.UtcNow.AddMilliseconds(-20);
        var before = Stopwatch.GetTimestamp();

        using var response = await PatchAsync(fleet.Partners[1], "LD-000001", "LD-000001-E2", lastUpdated);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var envelope = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1000, envelope.RootElement.GetProperty("status_code").GetInt32());
        var arrival = Assert.Single(arrivals);
        Assert.Equal(1, arrival.Partner);
        Assert.Equal(PushKind.EvsePatch, arrival.Kind);
        Assert.Equal("LD-000001", arrival.LocationId);
        Assert.Equal("LD-000001-E2", arrival.EvseUid);
        Assert.Equal(lastUpdated.ToUnixTimeMilliseconds(), arrival.LastUpdatedUnixMs);
        Assert.True(arrival.ArrivedTimestamp >= before);

        var report = fleet.Report();
        Assert.Equal([0L, 1L], report.Partners.Select(p => p.Patches));
        // last_updated was 20 ms ago (truncated to ms): the wall-clock latency is at least that.
        Assert.InRange(report.Partners[1].LatencyMs.Max, 19, 5_000);
        Assert.Single(fleet.Recorder.Samples(10));
    }

    [Fact]
    public async Task Location_puts_are_counted_apart_and_reset_clears_everything()
    {
        await using var fleet = await EmspFleet.StartAsync(new FleetOptions { Partners = 1 });
        using var put = await Http.PutAsync($"{fleet.Partners[0].LocationsUrl}/NL/SGR/LD-000001", new StringContent("""{"id":"LD-000001"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var report = await Http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{fleet.Partners[0].Port}/fleet/report");
        Assert.Equal(1, report.GetProperty("puts").GetInt64());
        Assert.Equal(0, report.GetProperty("patches").GetInt64());

        using var reset = await Http.PostAsync($"http://127.0.0.1:{fleet.Partners[0].Port}/fleet/reset", null);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(0, fleet.Report().Puts);
    }

    [Fact]
    public async Task Injected_errors_and_latency_apply_per_partner()
    {
        await using var fleet = await EmspFleet.StartAsync(new FleetOptions
        {
            Partners = 2,
            Faults = [new PartnerFaults(ErrorRate: 1), new PartnerFaults(LatencyMs: 150)],
        });

        using var failed = await PatchAsync(fleet.Partners[0], "L", "E", DateTimeOffset.UtcNow);
        var clock = Stopwatch.StartNew();
        using var slow = await PatchAsync(fleet.Partners[1], "L", "E", DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
        Assert.True(clock.ElapsedMilliseconds >= 140, $"answered after {clock.ElapsedMilliseconds} ms");
        var report = fleet.Report();
        Assert.Equal(1, report.Partners[0].InjectedErrors);
        Assert.Equal(0, report.Partners[0].Patches);
        Assert.Equal(1, report.Partners[1].Patches);
    }

    [Fact]
    public void Fault_dice_are_repeatable_and_match_the_rate()
    {
        var options = new FleetOptions { Partners = 1, Faults = [new PartnerFaults(ErrorRate: 0.25)], Seed = 7 };
        var first = new FaultInjector(options);
        var second = new FaultInjector(options);

        var rolls = Enumerable.Range(0, 4_000).Select(_ => first.Decide(0).Fail).ToList();
        Assert.Equal(rolls, Enumerable.Range(0, 4_000).Select(_ => second.Decide(0).Fail));
        Assert.InRange(rolls.Count(f => f), 850, 1_150);
    }

    [Theory]
    [InlineData("PATCH", "NL/SGR/LOC%201/E1", PushKind.EvsePatch, "LOC 1", "E1")]
    [InlineData("PUT", "NL/SGR/LOC1", PushKind.LocationPut, "LOC1", null)]
    [InlineData("PATCH", "NL/SGR/LOC1/E1/C1", PushKind.Other, "LOC1", "E1")]
    public void Push_paths_name_their_object(string method, string path, PushKind kind, string location, string? evse) =>
        Assert.Equal(new PushTarget(kind, location, evse), PushTarget.Parse(method, path));

    [Fact]
    public void Patch_body_gives_status_and_last_updated()
    {
        var body = new ReadOnlySequence<byte>("""{"status":"CHARGING","last_updated":"2026-11-25T10:00:00.25Z"}"""u8.ToArray());
        var (status, lastUpdated) = PatchBody.Read(body);

        Assert.Equal("CHARGING", status);
        Assert.Equal(DateTimeOffset.Parse("2026-11-25T10:00:00.250Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), lastUpdated);
        Assert.Equal((null, null), PatchBody.Read(new ReadOnlySequence<byte>("not json"u8.ToArray())));
    }

    [Fact]
    public async Task With_copies_a_partner_answers_gets_with_what_it_took_and_refuses_a_patch_of_what_it_does_not_hold()
    {
        // What StatusGrid's ordered mode reads after a silo died with a push in flight (chaos runs keep copies).
        await using var fleet = await EmspFleet.StartAsync(new FleetOptions { Partners = 2, KeepCopies = true });
        var url = fleet.Partners[0].LocationsUrl;
        using var put = await Http.PutAsync($"{url}/NL/SGR/LD-1", new StringContent(
            """{"id":"LD-1","last_updated":"2026-12-01T08:00:00Z","evses":[{"uid":"LD-1-E1","status":"AVAILABLE","last_updated":"2026-12-01T08:00:00Z"}]}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var charging = new DateTimeOffset(2026, 12, 1, 8, 0, 1, 234, TimeSpan.Zero);
        using var patch = await PatchAsync(fleet.Partners[0], "LD-1", "LD-1-E1", charging);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        var evse = (await Http.GetFromJsonAsync<JsonElement>($"{url}/NL/SGR/LD-1/LD-1-E1")).GetProperty("data");
        Assert.Equal("CHARGING", evse.GetProperty("status").GetString());
        Assert.Equal("2026-12-01T08:00:01.234Z", evse.GetProperty("last_updated").GetString());
        var location = (await Http.GetFromJsonAsync<JsonElement>($"{url}/NL/SGR/LD-1")).GetProperty("data");
        Assert.Equal("2026-12-01T08:00:01.234Z", location.GetProperty("last_updated").GetString());
        Assert.Equal("CHARGING", location.GetProperty("evses")[0].GetProperty("status").GetString());

        // The other partner took nothing: it holds no copy, and a PATCH of an object it lacks is "unknown object".
        using var missing = await Http.GetAsync($"{fleet.Partners[1].LocationsUrl}/NL/SGR/LD-1/LD-1-E1");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var unknown = await PatchAsync(fleet.Partners[1], "LD-1", "LD-1-E1", charging);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(2003, (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status_code").GetInt32());
        Assert.Equal([1L, 0L], fleet.Report().Partners.Select(p => p.Patches));
    }

    private static Task<HttpResponseMessage> PatchAsync(FleetPartner partner, string location, string evse, DateTimeOffset lastUpdated) =>
        Http.PatchAsync($"{partner.LocationsUrl}/NL/SGR/{location}/{evse}",
            new StringContent($$"""{"status":"CHARGING","last_updated":"{{lastUpdated.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}"}""", Encoding.UTF8, "application/json"));
}
