using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using StatusGrid.LoadDriver.Api;
using StatusGrid.LoadDriver.Commands;
using StatusGrid.LoadDriver.Measure;
using StatusGrid.MockEmsp;

namespace StatusGrid.Load.Tests;

/// <summary>
/// How <c>import</c> judges that the partners have the imported estate. The import answers before the fan-out hands
/// the new Locations to the partners, so an admin API that says "idle" right after it proves nothing; the mock
/// partners' own PUT arrivals do. Here the admin API always says idle, and the test plays the server's PUTs.
/// </summary>
public sealed class ImportDeliveryTests : IAsyncLifetime
{
    private static readonly string[] Imported = ["LD-000000", "LD-000001"];
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private EmspFleet _fleet = null!;
    private WebApplication _idleAdmin = null!;
    private StatusGridClient _client = null!;
    private LocationPutWatch _puts = null!;
    private readonly StringWriter _log = new();

    public async Task InitializeAsync()
    {
        _fleet = await EmspFleet.StartAsync(new FleetOptions { Partners = 2 });
        _puts = new LocationPutWatch(Imported, _fleet.Partners.Count);
        _fleet.Recorder.Listener = _puts.OnArrival;
        _idleAdmin = await StartIdleAdminAsync(_fleet.Partners.Select(p => p.Id));
        var url = _idleAdmin.Urls.Single();
        _client = new StatusGridClient([new Uri(url)], new ApiKeys());
    }

    [Fact]
    public async Task Idle_partners_that_never_received_the_imported_locations_are_not_done_and_the_gap_is_reported()
    {
        await PutAsync(_fleet.Partners[0], Imported[0]);

        var done = await WaitAsync(TimeSpan.FromSeconds(1));

        Assert.False(done);
        Assert.Equal(3, _puts.Missing);
        Assert.Contains("3 of 4 Location PUTs not received", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partners_are_done_once_each_has_every_imported_location_and_is_idle()
    {
        foreach (var partner in _fleet.Partners)
        {
            foreach (var location in Imported)
            {
                await PutAsync(partner, location);
            }
        }

        var done = await WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(done);
        Assert.Equal(0, _puts.Missing);
    }

    private Task<bool> WaitAsync(TimeSpan bound) =>
        ImportCommand.WaitForDeliveryAsync(_client, _puts, [.. _fleet.Partners.Select(p => p.Id)], bound, _log);

    private static async Task PutAsync(FleetPartner partner, string locationId)
    {
        using var body = new StringContent($$"""{"id":"{{locationId}}"}""", Encoding.UTF8, "application/json");
        using var response = await Http.PutAsync($"{partner.LocationsUrl}/NL/SGR/{locationId}", body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>GET /api/admin/partners answering every partner idle (nothing queued, pending or in flight).</summary>
    private static async Task<WebApplication> StartIdleAdminAsync(IEnumerable<string> partnerIds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var idle = partnerIds.Select(id => new { id, health = new { queue_depth = 0, pending_location_puts = 0, in_flight = 0 } }).ToArray();
        app.MapGet("/api/admin/partners", () => Results.Json(new { total = idle.Length, offset = 0, limit = 1000, items = idle, unavailable = Array.Empty<object>() }));
        await app.StartAsync();
        return app;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _idleAdmin.DisposeAsync();
        await _fleet.DisposeAsync();
        _log.Dispose();
    }
}
