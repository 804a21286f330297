using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Partners;
using StatusGrid.Ocpi;

namespace StatusGrid.Grains.Tests.Delivery;

public sealed class ReceiverUrlTests
{
    private static PartnerConfig Partner(string? locationsUrl) => new()
    {
        Id = "url",
        OcpiVersion = OcpiVersion.V221,
        LocationsUrl = locationsUrl,
        Token = "t",
        CountryCode = "NL",
        PartyId = "EMS",
    };

    [Theory]
    [InlineData("https://emsp.example/ocpi/2.2.1/locations")]
    [InlineData("https://emsp.example/ocpi/2.2.1/locations/")]
    [InlineData("https://emsp.example/ocpi/2.2.1/locations//")]
    public void An_evse_url_is_the_receiver_url_and_four_ids_whatever_slashes_the_base_ends_with(string baseUrl) =>
        Assert.Equal(
            "https://emsp.example/ocpi/2.2.1/locations/NL/CPO/LOC-1/EVSE-1",
            OcpiPushClient.ReceiverUrl(Partner(baseUrl), "NL", "CPO", "LOC-1", "EVSE-1"));

    [Fact]
    public void A_location_url_has_no_evse_segment() =>
        Assert.Equal(
            "https://emsp.example/locations/DE/ABC/LOC-9",
            OcpiPushClient.ReceiverUrl(Partner("https://emsp.example/locations"), "DE", "ABC", "LOC-9"));

    [Fact]
    public void Each_id_is_escaped_as_one_path_segment()
    {
        var url = OcpiPushClient.ReceiverUrl(Partner("https://emsp.example/locations"), "NL", "CPO", "LOC 1/a", "EVSE?#%1");

        Assert.Equal("https://emsp.example/locations/NL/CPO/LOC%201%2Fa/EVSE%3F%23%251", url);
        Assert.Equal(["", "locations", "NL", "CPO", "LOC%201%2Fa", "EVSE%3F%23%251"], new Uri(url!).AbsolutePath.Split('/'));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_partner_without_a_locations_url_has_no_receiver_url(string? baseUrl) =>
        Assert.Null(OcpiPushClient.ReceiverUrl(Partner(baseUrl), "NL", "CPO", "LOC-1", "EVSE-1"));
}
