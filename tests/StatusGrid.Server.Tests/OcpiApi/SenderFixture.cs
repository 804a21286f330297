using System.Globalization;
using System.Net;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>
/// A host whose Locations sender pages by at most 10, holding 25 Locations LS-00..LS-24 put in id order:
/// LS-x is last updated at <see cref="T0"/> + x minutes, in BE when x % 3 == 2 (else NL), unpublished when x % 5 == 4.
/// </summary>
public sealed class SenderFixture : IAsyncLifetime
{
    public const int Count = 25;
    public const int MaxPageSize = 10;
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public StatusGridHost Host { get; private set; } = null!;

    public static string Id(int i) => $"LS-{i:D2}";

    public static bool Published(int i) => i % 5 != 4;

    public static string Country(int i) => i % 3 == 2 ? "BE" : "NL";

    public static IEnumerable<int> All => Enumerable.Range(0, Count);

    public async Task InitializeAsync()
    {
        Host = await StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:Ocpi:MaxPageSize"] = MaxPageSize.ToString(CultureInfo.InvariantCulture),
            // These tests pull; a full PUT to every mock on registration would only be noise.
            ["StatusGrid:Push:PutAllLocationsOnRegistration"] = "false",
        });
        var locations = All.Select(i => TestLocations.Json(Id(i), lastUpdated: (T0 + TimeSpan.FromMinutes(i)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
            .Replace("\"country\":\"NLD\"", $"\"country\":\"{(Country(i) == "BE" ? "BEL" : "NLD")}\"", StringComparison.Ordinal)
            .Replace("\"publish\":true", $"\"publish\":{(Published(i) ? "true" : "false")}", StringComparison.Ordinal));
        // One at a time: the bulk import runs in parallel, and these tests rely on the insertion (paging) order.
        using var admin = Host.Client();
        foreach (var (location, i) in locations.Select((l, i) => (l, i)))
        {
            using var put = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/" + Id(i), location);
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
