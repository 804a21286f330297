using System.Net.Http.Json;
using System.Text;

namespace StatusGrid.OcppFleet;

/// <summary>
/// Not measured: one location per 10 charge points (one EVSE each), the receiver as partner, and every charge point
/// registered with a secret the server generates (<c>generate_password: true</c>: a salted SHA-256 to store and to
/// check, no PBKDF2), kept in <see cref="FleetSecrets"/>. A large fleet is still registered once into a kept
/// <c>--data-dir</c> (its three SQLite writes per station are the cost now) and reused.
/// </summary>
public static class FleetSetup
{
    public static string EvseUid(int n) => $"OF-{n / 10:D5}-E{n % 10 + 1}";

    public static string Identity(int n) => $"FLEET-{n:D5}";

    /// <summary>Sets the fleet up and returns how many stations it (re)registered in this run.</summary>
    public static async Task<int> RunAsync(HttpClient admin, int chargePoints, string receiverBase, FleetSecrets secrets)
    {
        var locations = (chargePoints + 9) / 10;
        var json = new StringBuilder("[");
        for (var l = 0; l < locations; l++)
        {
            var evses = string.Join(",", Enumerable.Range(0, Math.Min(10, chargePoints - l * 10)).Select(e => $$"""
                {"uid":"OF-{{l:D5}}-E{{e + 1}}","status":"AVAILABLE","connectors":[{"id":"1","standard":"IEC_62196_T2","format":"SOCKET","power_type":"AC_3_PHASE","max_voltage":400,"max_amperage":32,"last_updated":"2026-01-01T00:00:00Z"}],"last_updated":"2026-01-01T00:00:00Z"}
                """));
            json.Append(l == 0 ? "" : ",").Append($$"""
                {"country_code":"NL","party_id":"SGR","id":"OF-{{l:D5}}","publish":true,"address":"Fleetweg 1","city":"Utrecht","country":"NLD","coordinates":{"latitude":"52.090700","longitude":"5.121400"},"evses":[{{evses}}],"time_zone":"Europe/Amsterdam","last_updated":"2026-01-01T00:00:00Z"}
                """);
        }

        json.Append(']');
        (await admin.PostAsync("api/admin/locations/import", new StringContent(json.ToString(), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        // The receiver's port is new each run: replace the partner when a reused database already has it.
        var partner = $$"""
            {"id":"FLEET*EMSP","name":"Fleet receiver","ocpi_version":"2.2.1","locations_url":"{{receiverBase}}/ocpi/emsp/2.2.1/locations","token":"fleet-token","country_code":"DE","party_id":"EMS"}
            """;
        var replaced = await admin.PutAsync("api/admin/partners/FLEET*EMSP", new StringContent(partner, Encoding.UTF8, "application/json"));
        if (replaced.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            (await admin.PostAsync("api/admin/partners", new StringContent(partner, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }
        else
        {
            replaced.EnsureSuccessStatusCode();
        }

        var registeredCount = 0;
        await Parallel.ForAsync(0, chargePoints, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, ct) =>
        {
            // Resumable: a station registered with a secret we kept (a reused --data-dir) is left as it is. One
            // registered without one (by a build that used a fixed password, or cut off before its line was
            // written) is registered again: the PUT replaces its password with a new generated one.
            using (var existing = await admin.GetAsync($"api/admin/charge-points/{Identity(n)}", ct))
            {
                if (existing.IsSuccessStatusCode && secrets.TryGet(Identity(n), out _))
                {
                    return;
                }
            }

            var mapping = $$"""{"location_id":"OF-{{n / 10:D5}}","evse_uid":"{{EvseUid(n)}}"}""";
            var body = n % 2 == 0
                ? $$"""{"generate_password":true,"connectors":[{"connector_id":1,{{mapping[1..]}}]}"""
                : $$"""{"generate_password":true,"evses":[{"evse_id":1,{{mapping[1..]}}]}""";
            using var registered = await admin.PutAsync($"api/admin/charge-points/{Identity(n)}", new StringContent(body, Encoding.UTF8, "application/json"), ct);
            registered.EnsureSuccessStatusCode();
            var answer = await registered.Content.ReadFromJsonAsync<Registered>(ct);
            secrets.Add(Identity(n), answer?.Password ?? throw new InvalidOperationException($"{Identity(n)}: the server returned no generated password."));
            Interlocked.Increment(ref registeredCount);
        });
        return registeredCount;
    }

    /// <summary>The one field of the registration answer the fleet needs: the generated secret, shown only there.</summary>
    private sealed record Registered([property: System.Text.Json.Serialization.JsonPropertyName("password")] string? Password);
}
