using System.Net;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>
/// Installs the pinned ocpp-rpc (npm ci from the lockfile), starts a mock eMSP and one host whose charge points count
/// as offline after 8 s of silence (2 s heartbeat × 4: long enough for a slow shared machine), unless other
/// settings are given. Tests use their own identities and locations.
/// </summary>
public sealed class OcppFixture : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string>? _settings;

    public OcppFixture()
    {
    }

    /// <summary>Not public: xUnit wants a fixture to have one public constructor.</summary>
    internal OcppFixture(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public const string Password = "correct-horse-battery-staple";

    public MockEmsp Emsp { get; private set; } = null!;

    public StatusGridHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await OcppNodeClient.EnsureInstalledAsync();
        Emsp = await MockEmsp.StartAsync();
        Host = await StatusGridHost.StartAsync(_settings ?? new Dictionary<string, string>
        {
            // Profile 1 on loopback: production mode otherwise insists on TLS.
            ["StatusGrid:Ocpp:AllowUnencrypted"] = "true",
            ["StatusGrid:Ocpp:HeartbeatInterval"] = "00:00:02",
            ["StatusGrid:Ocpp:OfflineAfterHeartbeats"] = "4",
            ["StatusGrid:Ocpp:MaxFrameBytes"] = "4096",
        });
        using var admin = Host.Client();
        var partner = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson(Emsp.LocationsUrl()));
        Assert.Equal(HttpStatusCode.Created, partner.StatusCode);
    }

    /// <summary>A location with <paramref name="evses"/> EVSEs ({id}-E1...), and a charge point mapped to them.</summary>
    public async Task RegisterAsync(string identity, string locationId, string connectors = "[]", string evses = "[]", int evseCount = 2)
    {
        await AddLocationAsync(locationId, evseCount);
        using var admin = Host.Client();
        var registered = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/charge-points/{identity}", $$"""{"password":"{{Password}}","connectors":{{connectors}},"evses":{{evses}}}""");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
    }

    /// <summary>A location with <paramref name="evseCount"/> EVSEs ({id}-E1...), once the partner has it.</summary>
    public async Task AddLocationAsync(string locationId, int evseCount = 1)
    {
        using var admin = Host.Client();
        var put = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/{locationId}", TestLocations.Json(locationId, evseCount));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        await Emsp.WaitForAsync(r => r.Method == "PUT" && r.Path.EndsWith("/" + locationId, StringComparison.Ordinal), $"the PUT of {locationId}");
    }

    /// <summary>An OCPP 1.6 station of <paramref name="identity"/>, connected and booted.</summary>
    public async Task<OcppNodeClient> Booted16Async(string identity)
    {
        var cp = OcppNodeClient.Start();
        await cp.ConnectAsync(Host.BaseAddress, identity, Password, "ocpp1.6");
        await cp.CallAsync("BootNotification", """{"chargePointVendor":"V","chargePointModel":"M"}""");
        return cp;
    }

    /// <summary>An OCPP 2.0.1 station of <paramref name="identity"/>, connected and booted.</summary>
    public async Task<OcppNodeClient> Booted201Async(string identity)
    {
        var cp = OcppNodeClient.Start();
        await cp.ConnectAsync(Host.BaseAddress, identity, Password, "ocpp2.0.1");
        await cp.CallAsync("BootNotification", """{"reason":"PowerUp","chargingStation":{"vendorName":"V","model":"M"}}""");
        return cp;
    }

    public Task<ReceivedPush> WaitForPatchAsync(string locationId, string evseUid, string status) =>
        Emsp.WaitForAsync(
            r => r.Method == "PATCH" && r.Path.EndsWith($"/{locationId}/{evseUid}", StringComparison.Ordinal) && r.Body.Contains($"\"status\":\"{status}\"", StringComparison.Ordinal),
            $"PATCH {status} of {locationId}/{evseUid}", TimeSpan.FromSeconds(20));

    /// <summary>
    /// Until the EVSE's latest PATCH says <paramref name="status"/>: for a status it had before, where an earlier PATCH
    /// of it would satisfy <see cref="WaitForPatchAsync"/> at once.
    /// </summary>
    public async Task WaitForLatestPatchAsync(string locationId, string evseUid, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var latest = Emsp.Received.LastOrDefault(r => r.Method == "PATCH" && r.Path.EndsWith($"/{locationId}/{evseUid}", StringComparison.Ordinal));
            if (latest?.Body.Contains($"\"status\":\"{status}\"", StringComparison.Ordinal) == true)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the latest PATCH of {locationId}/{evseUid} is not {status}: {latest?.Body}");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Emsp.DisposeAsync();
    }
}

/// <summary>One fixture (one npm ci, one host) for every OCPP test class; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class OcppCollection : ICollectionFixture<OcppFixture>
{
    public const string Name = "OCPP charge points";
}
