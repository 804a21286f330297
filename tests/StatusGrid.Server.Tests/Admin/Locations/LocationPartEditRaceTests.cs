using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Server.Tests.Admin.Locations;

/// <summary>
/// A part edit (PATCH or PUT below a Location) reads the Location with its live statuses, changes one part and stores
/// the whole document again. A status reported between that read and the store is newer than the one the edit carries
/// along: the edit must not bring the older one back (and with it, to every partner). Found by reading the code: the
/// edit stamped the EVSE "now", so the status it had read counted as observed now and replaced the report.
/// </summary>
public sealed class LocationPartEditRaceTests : IAsyncLifetime
{
    private readonly ReportAfterRead _race = new();
    private StatusGridHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await StatusGridHost.StartAsync(configure: builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(_race));
        _race.Grains = _host.Services.GetRequiredService<IGrainFactory>();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("RACE-1", "PATCH", "/RACE-1-E1", """{"floor_level":"2"}""")]
    [InlineData("RACE-2", "PATCH", "/RACE-2-E1/1", """{"max_amperage":16}""")]
    [InlineData("RACE-3", "PUT", "/RACE-3-E1/1",
        """{"id":"1","standard":"IEC_62196_T2","format":"CABLE","power_type":"AC_3_PHASE","max_voltage":400,"max_amperage":32,"last_updated":"{later}"}""")]
    [InlineData("RACE-4", "PATCH", "", """{"name":"Renamed"}""")]
    public async Task A_status_reported_while_a_part_is_edited_is_not_replaced_by_the_status_the_edit_read(
        string locationId, string method, string part, string body)
    {
        using var admin = _host.Client();
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/{locationId}", TestLocations.Json(locationId))).StatusCode);
        _race.Arm(locationId, $"{locationId}-E1", EvseStatus.Charging);

        // A connector's own last_updated later than the report (a CPO clock slightly ahead, or simply the edit's time).
        var later = DateTimeOffset.UtcNow.AddSeconds(5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        using var edit = await admin.SendJsonAsync(new HttpMethod(method), $"/api/admin/locations/{locationId}{part}", body.Replace("{later}", later, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.True(_race.Reported, "the report did not land between the edit's read and its store");
        var evse = await EvseAsync(admin, locationId, $"{locationId}-E1");
        Assert.Equal("CHARGING", evse.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_edit_that_sets_the_status_itself_still_applies_it()
    {
        using var admin = _host.Client();
        await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/RACE-5", TestLocations.Json("RACE-5"));

        using var edit = await admin.SendJsonAsync(HttpMethod.Patch, "/api/admin/locations/RACE-5/RACE-5-E1", """{"status":"OUTOFORDER"}""");

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal("OUTOFORDER", (await EvseAsync(admin, "RACE-5", "RACE-5-E1")).GetProperty("status").GetString());
    }

    private static async Task<System.Text.Json.JsonElement> EvseAsync(HttpClient admin, string locationId, string evseUid)
    {
        var location = await (await admin.GetAsync($"/api/admin/locations/{locationId}")).JsonAsync();
        return location.GetProperty("evses").EnumerateArray().Single(e => e.GetProperty("uid").GetString() == evseUid);
    }

    /// <summary>
    /// Once armed, lets the next read of that Location finish and then has its EVSE report a status, as a charge point
    /// would between an edit's read and its store.
    /// </summary>
    private sealed class ReportAfterRead : IIncomingGrainCallFilter
    {
        private (string Location, string Evse, EvseStatus Status)? _armed;

        public IGrainFactory? Grains { get; set; }

        public bool Reported { get; private set; }

        public void Arm(string locationId, string evseUid, EvseStatus status)
        {
            Reported = false;
            _armed = (locationId, evseUid, status);
        }

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            await context.Invoke();
            if (context.Grain is ILocationGrain && context.MethodName == nameof(ILocationGrain.Get)
                && _armed is { } armed && context.TargetId.Key.ToString() == EvseKey.Location(armed.Location))
            {
                _armed = null;
                var evse = Grains!.GetGrain<IEvseGrain>(EvseKey.Evse(armed.Location, armed.Evse));
                var outcome = await evse.ReportStatus(new StatusReport(armed.Status, DateTimeOffset.UtcNow));
                Reported = outcome == StatusReportOutcome.Applied;
            }
        }
    }
}
