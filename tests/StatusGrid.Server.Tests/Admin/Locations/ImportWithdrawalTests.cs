using System.Net;
using System.Text.Json;
using StatusGrid.Server.Tests.OcpiApi;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.Admin.Locations;

/// <summary>
/// A bulk import that hides a Location from a partner which held it (unpublished, or moved out of its countries)
/// must withdraw it at once, as the admin PUT does: the import is how a CPO usually edits its estate.
/// </summary>
/// <remarks>
/// Reconcile runs once an hour here: a withdrawal arriving within the wait below came from the import's hand-off,
/// not from a reconcile that owes it.
/// </remarks>
public sealed class ImportWithdrawalTests : IAsyncLifetime
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(15);

    private StatusGridHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await StatusGridHost.StartAsync(new Dictionary<string, string> { ["StatusGrid:Push:ReconcileInterval"] = "01:00:00" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("latest", "2.2.1")]
    [InlineData("ordered", "2.2.1")]
    [InlineData("latest", "2.1.1")]
    public async Task A_location_an_import_unpublishes_is_withdrawn_from_a_partner_that_held_it_without_waiting_for_reconcile(string mode, string version)
    {
        var id = $"IMPW-{mode}-{version.Replace(".", "", StringComparison.Ordinal)}".ToUpperInvariant();
        await using var emsp = await RegisteredAsync(id, $$"""{"location_ids":["{{id}}"]}""", mode, version);
        await ImportAsync(TestLocations.Json(id));
        var first = await emsp.WaitForAsync(r => r.Method == "PUT", "the first Location PUT");

        await ImportAsync(TestLocations.Json(id).Replace("\"publish\":true", "\"publish\":false", StringComparison.Ordinal));

        var withdrawal = await emsp.WaitForAsync(r => r.Method == "PUT" && r.ReceivedAt > first.ReceivedAt, "the withdrawal PUT", Arrival);
        AssertWithdrawal(withdrawal, version);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("ordered")]
    public async Task A_location_an_import_moves_out_of_the_partners_countries_is_withdrawn_without_waiting_for_reconcile(string mode)
    {
        var id = $"IMPM-{mode}".ToUpperInvariant();
        await using var emsp = await RegisteredAsync(id, """{"countries":["NL"]}""", mode, "2.2.1");
        await ImportAsync(TestLocations.Json(id));
        var first = await emsp.WaitForAsync(r => r.Method == "PUT" && r.Path.EndsWith("/" + id, StringComparison.Ordinal), "the first Location PUT");

        await ImportAsync(TestLocations.Json(id).Replace("\"country\":\"NLD\"", "\"country\":\"BEL\"", StringComparison.Ordinal));

        var withdrawal = await emsp.WaitForAsync(r => r.Method == "PUT" && r.Path.EndsWith("/" + id, StringComparison.Ordinal)
            && r.ReceivedAt > first.ReceivedAt, "the withdrawal PUT", Arrival);
        AssertWithdrawal(withdrawal, "2.2.1");
    }

    private static void AssertWithdrawal(ReceivedPush push, string version)
    {
        var body = JsonDocument.Parse(push.Body).RootElement;
        if (version == "2.1.1")
        {
            Assert.All(body.GetProperty("evses").EnumerateArray(), e => Assert.Equal("REMOVED", e.GetProperty("status").GetString()));
        }
        else
        {
            Assert.False(body.GetProperty("publish").GetBoolean());
        }
    }

    private async Task<MockEmsp> RegisteredAsync(string id, string filterJson, string mode, string version)
    {
        var emsp = await _host.RegisteredEmspAsync(id, filterJson, e => e.Versions = [version]);
        if (mode == "ordered")
        {
            using var admin = _host.Client();
            using var patched = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/admin/partners/{id}", """{"delivery_mode":"ordered"}""");
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        return emsp;
    }

    private async Task ImportAsync(string locationJson)
    {
        using var admin = _host.Client();
        using var imported = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/locations/import", "[" + locationJson + "]");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
    }
}
