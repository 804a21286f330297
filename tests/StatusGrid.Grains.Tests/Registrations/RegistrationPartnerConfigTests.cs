using StatusGrid.Contracts.Partners;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Grains.Registrations;
using StatusGrid.Ocpi;

namespace StatusGrid.Grains.Tests.Registrations;

public sealed class RegistrationPartnerConfigTests
{
    private static readonly OcpiRegistration Registered = new()
    {
        PartnerId = "HUB-1",
        Status = OcpiRegistrationStatus.Registered,
        Direction = OcpiRegistrationDirection.WeRegister,
        Version = OcpiVersion.V221,
        LocationsUrl = "https://hub.example.com/ocpi/2.2.1/locations",
        TheirToken = "token-b2",
        ToCountryCode = "FR",
        ToPartyId = "GIR",
        ViaHub = true,
    };

    /// <summary>
    /// A refresh (token rotation, new endpoints) rebuilds the partner's configuration from the registration. What the
    /// CPO chose for delivery is not in the registration and must survive it: an ordered, rate-limited hub fell back to
    /// latest and unlimited on every refresh. Seen failing first.
    /// </summary>
    [Fact]
    public void The_delivery_settings_the_cpo_chose_survive_a_rebuild_from_the_registration()
    {
        var chosen = RegistrationPartnerConfig.From(Registered, null) with
        {
            DeliveryMode = DeliveryMode.Ordered,
            MaxRequestsPerSecond = 20,
            MaxBacklog = 5000,
            MaxConcurrency = 4,
            Enabled = false,
        };

        var rebuilt = RegistrationPartnerConfig.From(Registered with { TheirToken = "token-b3" }, chosen);

        Assert.Equal(DeliveryMode.Ordered, rebuilt.DeliveryMode);
        Assert.Equal(20, rebuilt.MaxRequestsPerSecond);
        Assert.Equal(5000, rebuilt.MaxBacklog);
        Assert.Equal(4, rebuilt.MaxConcurrency);
        Assert.False(rebuilt.Enabled);
        Assert.Equal("token-b3", rebuilt.Token);
        Assert.True(rebuilt.ViaHub);
    }
}
