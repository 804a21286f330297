using System.Net;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.OcpiApi.Hubs;

/// <summary>
/// A hub forwards a party's GET of our Locations: the request names that party in OCPI-from-*, and our answer must
/// name it in OCPI-to-* (the digest: "via Hub, addressed … responses: TO = requesting party"), or the hub cannot
/// route it back. We named the hub. Found by an audit of what a partner calling us sees; seen failing first.
/// </summary>
public sealed class HubPullTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Theory]
    [InlineData("DE", "EMS", "DE", "EMS")]
    [InlineData(null, null, "NL", "HUB")] // the hub asking for itself
    [InlineData("D", "E$S", "NL", "HUB")] // not a party: the hub is answered
    public async Task A_get_forwarded_by_a_hub_is_answered_to_the_party_that_asked(string? fromCountry, string? fromParty, string toCountry, string toParty)
    {
        await using var hub = await Host.RegisteredHubAsync("HUB-PULL-" + toParty + fromCountry, "HPULL-1");
        await Host.PutLocationAsync("HPULL-1");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, hub.CpoLocationsUrl + "/HPULL-1");
        request.Headers.TryAddWithoutValidation("Authorization", MockEmsp.Header(hub.TokenToCpo!, hub.Version!));
        request.Headers.TryAddWithoutValidation("X-Request-ID", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("X-Correlation-ID", Guid.NewGuid().ToString());
        if (fromCountry is not null)
        {
            request.Headers.TryAddWithoutValidation("OCPI-from-country-code", fromCountry);
            request.Headers.TryAddWithoutValidation("OCPI-from-party-id", fromParty);
        }

        request.Headers.TryAddWithoutValidation("OCPI-to-country-code", "NL");
        request.Headers.TryAddWithoutValidation("OCPI-to-party-id", "SGR");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(toCountry, response.Headers.GetValues("OCPI-to-country-code").Single());
        Assert.Equal(toParty, response.Headers.GetValues("OCPI-to-party-id").Single());
    }
}
