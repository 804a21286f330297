using System.Net;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>A registration with a client mistake in it is a 400 naming the field, and nothing is stored.</summary>
[Collection(OcppCollection.Name)]
public sealed class ChargePointRequestTests(OcppFixture fixture)
{
    [Theory]
    [InlineData("connectors", "connectors[0]")]
    [InlineData("evses", "evses[0]")]
    public async Task A_null_connector_or_evse_is_a_400_naming_it(string list, string path)
    {
        using var admin = fixture.Host.Client();

        using var response = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/charge-points/CP-NULL-ITEM",
            $$"""{"password":"{{OcppFixture.Password}}","{{list}}":[null]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(path, (await response.JsonAsync()).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/charge-points/CP-NULL-ITEM")).StatusCode);
    }
}
