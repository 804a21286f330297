using System.Net;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>
/// An OCPI body naming a property twice is ambiguous; it is refused in the envelope (2001) naming the property, and the
/// registration it would have changed stays as it was.
/// </summary>
public sealed class OcpiDuplicatePropertyTests(SenderFixture fixture) : IClassFixture<SenderFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task A_credentials_put_naming_the_token_twice_is_2001_and_the_old_token_still_works()
    {
        await using var emsp = await Host.RegisteredEmspAsync("DP-CRED");
        var body = $$$"""
            {"token":"first-token","token":"second-token","url":"{{{emsp.VersionsUrl}}}",
             "roles":[{"role":"EMSP","party_id":"EMS","country_code":"DE","business_details":{"name":"Mock eMSP"}}]}
            """;

        using var response = await emsp.SendToCpoAsync(HttpMethod.Put, emsp.CpoCredentialsUrl!, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var envelope = await response.OcpiJsonAsync();
        Assert.Equal(2001, envelope.OcpiStatus());
        Assert.Contains("'token' appears more than once", envelope.GetProperty("status_message").GetString(), StringComparison.Ordinal);
        using var stillRegistered = await emsp.SendToCpoAsync(HttpMethod.Get, emsp.CpoLocationsUrl!);
        Assert.Equal(HttpStatusCode.OK, stillRegistered.StatusCode);
    }
}
