using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StatusGrid.Contracts.ChargePoints;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary><c>generate_password: true</c>: StatusGrid makes the station's secret, shows it once and stores only fast hashes.</summary>
[Collection(OcppCollection.Name)]
public sealed class GeneratedPasswordRegistrationTests(OcppFixture fixture)
{
    [Fact]
    public async Task A_generated_password_is_returned_once_and_the_station_connects_with_it_or_its_raw_bytes()
    {
        await fixture.AddLocationAsync("OCPP-GEN1");
        using var admin = fixture.Host.Client();

        using var created = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/charge-points/CP16-GEN1",
            """{"generate_password":true,"connectors":[{"connector_id":1,"location_id":"OCPP-GEN1","evse_uid":"OCPP-GEN1-E1"}]}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var secret = body.GetProperty("password").GetString()!;
        Assert.Matches("^[0-9a-f]{40}$", secret);
        Assert.Equal("CP16-GEN1", body.GetProperty("identity").GetString());
        Assert.True(created.Headers.CacheControl?.NoStore, created.Headers.ToString());
        var view = await (await admin.GetAsync("/api/admin/charge-points/CP16-GEN1")).JsonAsync();
        Assert.False(view.TryGetProperty("password", out _), view.ToString());
        var listed = await (await admin.GetAsync("/api/admin/charge-points?limit=1000")).JsonAsync();
        Assert.DoesNotContain(secret, listed.ToString(), StringComparison.Ordinal);
        var stored = await StoredHashesAsync("CP16-GEN1");
        // One hash, of the 20 bytes: the hex text a station may send instead is turned into them before the check.
        Assert.StartsWith("sha256$", Assert.Single(stored), StringComparison.Ordinal);

        await using var cp = OcppNodeClient.Start();
        var connected = await cp.ConnectAsync(fixture.Host.BaseAddress, "CP16-GEN1", secret, "ocpp1.6");
        Assert.True(connected.GetProperty("ok").GetBoolean(), connected.ToString());
        await cp.CallAsync("BootNotification", """{"chargePointVendor":"V","chargePointModel":"M"}""");
        var status = await cp.CallAsync("StatusNotification", """{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"2026-03-01T10:00:00Z"}""");
        Assert.True(status.GetProperty("ok").GetBoolean(), status.ToString());
        await fixture.WaitForPatchAsync("OCPP-GEN1", "OCPP-GEN1-E1", "CHARGING");

        // A 1.6 station may send the AuthorizationKey's 20 raw bytes instead of its hex digits.
        using var raw = await ConnectRawAsync("CP16-GEN1", Convert.FromHexString(secret));
        Assert.Equal(WebSocketState.Open, raw.State);
        Assert.Equal("ocpp1.6", raw.SubProtocol);
        // The last byte flipped, so the wrong key differs from the right one whatever the generated secret ends with.
        var wrongKey = Convert.FromHexString(secret);
        wrongKey[^1] ^= 0xFF;
        var wrong = await Assert.ThrowsAsync<WebSocketException>(() => ConnectRawAsync("CP16-GEN1", wrongKey));
        Assert.Contains("401", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supplied_password_is_still_stored_with_pbkdf2_and_never_echoed()
    {
        await fixture.AddLocationAsync("OCPP-GEN2");
        using var admin = fixture.Host.Client();

        using var created = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/charge-points/CP16-GEN2",
            $$"""{"password":"{{OcppFixture.Password}}","generate_password":false,"connectors":[{"connector_id":1,"location_id":"OCPP-GEN2","evse_uid":"OCPP-GEN2-E1"}]}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False((await created.JsonAsync()).TryGetProperty("password", out _));
        Assert.All(await StoredHashesAsync("CP16-GEN2"), h => Assert.StartsWith("pbkdf2-sha256$", h, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Password_and_generate_password_together_or_neither_on_create_is_a_400_naming_the_field()
    {
        await fixture.AddLocationAsync("OCPP-GEN3");
        using var admin = fixture.Host.Client();

        using var both = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/charge-points/CP16-GEN3",
            $$"""{"password":"{{OcppFixture.Password}}","generate_password":true}""");
        using var neither = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/charge-points/CP16-GEN3", """{"generate_password":false}""");
        using var notBool = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/charge-points/CP16-GEN3", """{"generate_password":"yes"}""");

        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        var bothProblem = await both.JsonAsync();
        Assert.Equal("generate_password", bothProblem.GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Contains("not both", bothProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        var neitherProblem = await neither.JsonAsync();
        Assert.Equal("password", neitherProblem.GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Contains("password or generate_password required", neitherProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notBool.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/charge-points/CP16-GEN3")).StatusCode);
    }

    [Fact]
    public async Task Rotating_to_a_generated_password_stops_the_old_one_and_keeps_the_mapping()
    {
        await fixture.RegisterAsync("CP201-GEN4", "OCPP-GEN4", evses: """[{"evse_id":1,"location_id":"OCPP-GEN4","evse_uid":"OCPP-GEN4-E1"}]""", evseCount: 1);
        await using var cp = OcppNodeClient.Start();
        var before = await cp.ConnectAsync(fixture.Host.BaseAddress, "CP201-GEN4", OcppFixture.Password, "ocpp2.0.1");
        Assert.True(before.GetProperty("ok").GetBoolean(), before.ToString()); // now remembered by this silo
        using var admin = fixture.Host.Client();

        using var rotated = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/charge-points/CP201-GEN4",
            """{"generate_password":true,"evses":[{"evse_id":1,"location_id":"OCPP-GEN4","evse_uid":"OCPP-GEN4-E1"}]}""");

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var body = await rotated.JsonAsync();
        var secret = body.GetProperty("password").GetString()!;
        Assert.Equal("OCPP-GEN4-E1", body.GetProperty("evses")[0].GetProperty("evse_uid").GetString());
        var old = await cp.ConnectAsync(fixture.Host.BaseAddress, "CP201-GEN4", OcppFixture.Password, "ocpp2.0.1");
        Assert.Equal((false, 401), (old.GetProperty("ok").GetBoolean(), old.GetProperty("status").GetInt32()));
        var renewed = await cp.ConnectAsync(fixture.Host.BaseAddress, "CP201-GEN4", secret, "ocpp2.0.1");
        Assert.True(renewed.GetProperty("ok").GetBoolean(), renewed.ToString());

        // Rotating again makes a different secret; the first generated one stops too.
        using var again = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/charge-points/CP201-GEN4", """{"generate_password":true}""");
        Assert.NotEqual(secret, (await again.JsonAsync()).GetProperty("password").GetString());
        var stale = await cp.ConnectAsync(fixture.Host.BaseAddress, "CP201-GEN4", secret, "ocpp2.0.1");
        Assert.Equal((false, 401), (stale.GetProperty("ok").GetBoolean(), stale.GetProperty("status").GetInt32()));
    }

    private async Task<string[]> StoredHashesAsync(string identity)
    {
        var grains = fixture.Host.Services.GetRequiredService<IGrainFactory>();
        var registration = await grains.GetGrain<IChargePointGrain>(ChargePointKey.For(identity)).GetRegistration();
        return [.. registration!.PasswordHashes];
    }

    /// <summary>A plain ClientWebSocket whose Basic password is <paramref name="password"/> as raw bytes.</summary>
    private async Task<ClientWebSocket> ConnectRawAsync(string identity, byte[] password)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("ocpp1.6");
        socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String([.. Encoding.UTF8.GetBytes(identity + ":"), .. password]));
        try
        {
            var url = new Uri(fixture.Host.BaseAddress, "/ocpp/" + identity).ToString().Replace("http://", "ws://", StringComparison.Ordinal);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(new Uri(url), timeout.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
